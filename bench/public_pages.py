"""Public pages on a generated corpus: SQL queries and render time per page.

    .venv/bin/python bench/public_pages.py [--articles 2000] [--runs 15]

Builds a throwaway test database (SQLite unless DATABASE_URL says otherwise),
fills it with articles, tags, officials with positions, enterprises and
regulators, then requests each page type ``--runs`` times with Django's test
client (no cache in front) and prints a table and a JSON line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.test")


def build(n_articles: int) -> dict:
    from django.utils import timezone
    from taggit.models import Tag

    from articles.models import Article, ArticleAuthor, Correction, TaggedArticle
    from authors.models import AuthorProfile
    from entities.models import Enterprise, Official, Position, Regulator

    rng = random.Random(7)
    now = timezone.now()
    top = Regulator.objects.create(name="Central Assets Commission", acronym="CAC")
    regulators = [top] + [Regulator.objects.create(name=f"Provincial Commission {i}", parent=top, level="provincial")
                          for i in range(40)]
    groups = [Enterprise.objects.create(name=f"Group {i}", ownership="central_soe", regulator=top) for i in range(10)]
    enterprises = groups + [
        Enterprise.objects.create(name=f"Company {i}", parent=rng.choice(groups), regulator=rng.choice(regulators))
        for i in range(120)
    ]
    officials = [Official.objects.create(name=f"Official {i}") for i in range(250)]
    Position.objects.bulk_create([
        Position(official=o, title=f"Post {j}", enterprise=rng.choice(enterprises) if j % 2 else None,
                 regulator=None if j % 2 else rng.choice(regulators),
                 start_date=datetime.date(2000 + 4 * j, 1, 1),
                 end_date=None if j == 4 else datetime.date(2003 + 4 * j, 12, 31))
        for o in officials for j in range(5)
    ])
    authors = [AuthorProfile.objects.create(display_name=f"Writer {i}") for i in range(15)]
    tags = [Tag.objects.create(name=f"Topic {i}", slug=f"topic-{i}") for i in range(300)]
    articles = Article.objects.bulk_create([
        Article(title=f"Story {i}", slug=f"story-{i}", standfirst=f"What happened in story {i}.",
                body="<p>" + "Rare earth prices moved again. " * 60 + "</p>", highlights=["One", "Two"],
                status="published", published_at=now - datetime.timedelta(hours=3 * i))
        for i in range(n_articles)
    ])
    TaggedArticle.objects.bulk_create([
        TaggedArticle(content_object=a, tag=t) for a in articles for t in rng.sample(tags, 8)
    ])
    ArticleAuthor.objects.bulk_create([ArticleAuthor(article=a, author=rng.choice(authors)) for a in articles])
    through = Article.officials.through
    through.objects.bulk_create([through(article=a, official=o) for a in articles for o in rng.sample(officials, 6)])
    through = Article.enterprises.through
    through.objects.bulk_create([through(article=a, enterprise=e) for a in articles for e in rng.sample(enterprises, 4)])
    through = Article.regulators.through
    through.objects.bulk_create([through(article=a, regulator=r) for a in articles for r in rng.sample(regulators, 2)])
    Correction.objects.bulk_create([Correction(article=a, text="Fixed a figure.") for a in articles[::20]])
    return {"article": articles[0], "tag": tags[0], "author": authors[0], "official": officials[0],
            "enterprise": groups[0], "regulator": top, "now": now}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        w = build(args.articles)
        pages = {
            "home": "/",
            "article": w["article"].get_absolute_url(),
            "topic": f"/topics/{w['tag'].slug}/",
            "topics": "/topics/",
            "author": w["author"].get_absolute_url(),
            "archive month": f"/archive/{w['now']:%Y/%m}/",
            "corrections": "/corrections/",
            "official": w["official"].get_absolute_url(),
            "enterprise": w["enterprise"].get_absolute_url(),
            "regulator": w["regulator"].get_absolute_url(),
            "officials": "/officials/",
            "enterprises": "/enterprises/",
            "regulators": "/regulators/",
            "sitemap.xml": "/sitemap.xml",
            "sitemap-articles": "/sitemap-articles.xml",
            "sitemap-news": "/sitemap-news.xml",
        }
        client = Client()
        rows = []
        for name, url in pages.items():
            client.get(url)  # warm up
            times = []
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            rows.append({"page": name, "queries": len(ctx), "median_ms": round(statistics.median(times), 1),
                         "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1], 1)})
        print(f"{connection.vendor}, {args.articles} articles, {args.runs} runs per page")
        print(f"{'page':<18}{'queries':>8}{'median ms':>11}{'p90 ms':>9}")
        for r in rows:
            print(f"{r['page']:<18}{r['queries']:>8}{r['median_ms']:>11}{r['p90_ms']:>9}")
        print(json.dumps({"database": connection.vendor, "articles": args.articles, "pages": rows}))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
