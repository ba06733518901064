"""Time feeds and API lists against a generated corpus; print a table and JSON.

    .venv/bin/python bench/feeds_api.py [articles=2000] [runs=15]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ree_bench .venv/bin/python bench/feeds_api.py

Builds a throw-away test database (``test_<name>``), fills it with articles
carrying 10 tags, 3 bylines and 10 entities each, then requests each URL
through Django's test client: median and worst wall time, SQL queries and
bytes, plus the cost of a 304 answer to a conditional GET.
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402


def build(n: int) -> dict:
    from taggit.models import Tag

    from articles.models import Article, ArticleAuthor, TaggedArticle
    from authors.models import AuthorProfile
    from entities.models import Enterprise, Official, Regulator

    tags = Tag.objects.bulk_create([Tag(name=f"Topic {i}", slug=f"topic-{i}") for i in range(100)])
    authors = AuthorProfile.objects.bulk_create([AuthorProfile(display_name=f"Writer {i}", slug=f"writer-{i}") for i in range(20)])
    officials = Official.objects.bulk_create([Official(name=f"Official {i}", slug=f"official-{i}") for i in range(100)])
    enterprises = Enterprise.objects.bulk_create([Enterprise(name=f"Enterprise {i}", slug=f"enterprise-{i}") for i in range(60)])
    regulators = Regulator.objects.bulk_create([Regulator(name=f"Regulator {i}", slug=f"regulator-{i}") for i in range(20)])
    now = timezone.now()
    body = "".join(f'<p>Paragraph {k} with <a href="/articles/other/">a link</a> and text about quotas.</p>' for k in range(12))
    articles = Article.objects.bulk_create([
        Article(title=f"Bench story {i}", slug=f"bench-story-{i}", standfirst="A short standfirst.", body=body,
                highlights=["One point", "Another point"], status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(minutes=i))
        for i in range(n)
    ], batch_size=500)
    through = {f: Article._meta.get_field(f).remote_field.through for f in ("officials", "enterprises", "regulators")}
    TaggedArticle.objects.bulk_create(
        [TaggedArticle(content_object=a, tag=tags[(i + k) % 100]) for i, a in enumerate(articles) for k in range(10)],
        batch_size=2000)
    ArticleAuthor.objects.bulk_create(
        [ArticleAuthor(article=a, author=authors[(i + k) % 20], order=k) for i, a in enumerate(articles) for k in range(3)],
        batch_size=2000)
    through["officials"].objects.bulk_create(
        [through["officials"](article=a, official=officials[(i + k) % 100]) for i, a in enumerate(articles) for k in range(4)],
        batch_size=2000)
    through["enterprises"].objects.bulk_create(
        [through["enterprises"](article=a, enterprise=enterprises[(i + k) % 60]) for i, a in enumerate(articles) for k in range(3)],
        batch_size=2000)
    through["regulators"].objects.bulk_create(
        [through["regulators"](article=a, regulator=regulators[(i + k) % 20]) for i, a in enumerate(articles) for k in range(3)],
        batch_size=2000)
    return {"articles": n}


def measure(client: Client, url: str, runs: int, **headers) -> dict:
    client.get(url, **headers)  # warm up
    times, queries, size, status = [], 0, 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, **headers)
            times.append((time.perf_counter() - start) * 1000)
        queries, size, status = len(ctx.captured_queries), len(response.content), response.status_code
    return {"url": url, "status": status, "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1), "queries": queries, "bytes": size}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.core.cache import cache
        from rest_framework.throttling import AnonRateThrottle

        AnonRateThrottle.THROTTLE_RATES = {"anon": "1000000/minute"}
        build(n)
        client = Client()
        rows = []
        for url in ("/feeds/rss/", "/feeds/atom/", "/feeds/json/", "/topics/topic-3/feed/",
                    "/officials/official-3/feed/json/", "/corrections/feed/", "/feeds/",
                    "/api/articles/?page_size=50", "/api/articles/?tag=topic-3&page_size=50",
                    "/api/articles/bench-story-10/", "/api/officials/?page_size=100", "/api/tags/?page_size=100"):
            cache.clear()
            rows.append(measure(client, url, runs))
        etag = client.get("/feeds/rss/")["ETag"]
        rows.append({**measure(client, "/feeds/rss/", runs, HTTP_IF_NONE_MATCH=etag), "url": "/feeds/rss/ (304)"})
        print(f"{connection.vendor}, {n} published articles, 10 tags / 3 bylines / 10 entities each, {runs} runs\n")
        print(f"{'URL':45} {'status':>6} {'median ms':>10} {'max ms':>8} {'queries':>8} {'bytes':>9}")
        for r in rows:
            print(f"{r['url']:45} {r['status']:>6} {r['median_ms']:>10} {r['max_ms']:>8} {r['queries']:>8} {r['bytes']:>9}")
        print(json.dumps({"vendor": connection.vendor, "articles": n, "runs": runs, "results": rows}))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
