"""Benchmark of "You Might Also Like" on a synthetic corpus.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ree_recs_bench \\
        .venv/bin/python bench/recommendations_bench.py --articles 100000

Fills the database named by DATABASE_URL (it must be a scratch database:
existing articles, tags and entities are deleted) with N published articles
carrying tags, officials, enterprises and regulators and topical text, then
prints: the full rebuild time, the time to compute one article's list
(median and p95 over --samples articles, with the index warm in memory, as in
a long-running worker), the time of a refresh after publishing, and the
page render time of an article with and without its block. A JSON line with
the same figures ends the output.
"""

from __future__ import annotations

import argparse
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

import numpy as np  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Article, TaggedArticle  # noqa: E402
from entities.models import Enterprise, Official, Position, Regulator  # noqa: E402
from recommendations import engine as recs  # noqa: E402
from recommendations.models import RelatedArticle  # noqa: E402
from recommendations.selectors import related_for_display  # noqa: E402

SYLLABLES = ["ba", "ko", "ri", "tan", "mel", "sor", "vi", "dun", "pra", "lo", "que", "zen", "ha", "mi", "tor", "gle",
             "ast", "ure", "fin", "cal", "om", "ber", "pes", "ny", "wu", "xi", "del", "rak"]


def vocabulary(rng: np.random.Generator, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        n = rng.integers(2, 5)
        words.add("".join(rng.choice(SYLLABLES, n)))
    return sorted(words)


def generate(n: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    RelatedArticle.objects.all().delete()
    TaggedArticle.objects.all().delete()
    Article.objects.all().delete()
    Tag.objects.all().delete()
    Position.objects.all().delete()
    Official.objects.all().delete()
    Enterprise.objects.all().delete()
    Regulator.objects.all().delete()

    vocab = np.array(vocabulary(rng, 30_000))
    zipf = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    zipf /= zipf.sum()
    n_topics = 400
    topic_words = [rng.choice(len(vocab), 120, replace=False) for _ in range(n_topics)]

    regulators = Regulator.objects.bulk_create(
        [Regulator(name=f"Regulator {i}", slug=f"regulator-{i}") for i in range(100)])
    groups = Enterprise.objects.bulk_create(
        [Enterprise(name=f"Group {i}", slug=f"group-{i}") for i in range(100)])
    units = Enterprise.objects.bulk_create(
        [Enterprise(name=f"Unit {i}", slug=f"unit-{i}", parent=groups[i % 100], native_name=f"单位{i}")
         for i in range(900)])
    enterprises = groups + units
    officials = Official.objects.bulk_create(
        [Official(name=f"Official {i}", slug=f"official-{i}") for i in range(500)])
    Position.objects.bulk_create([
        Position(official=o, title="Chair", enterprise=enterprises[(i * 7) % len(enterprises)])
        for i, o in enumerate(officials)])
    tags = Tag.objects.bulk_create([Tag(name=f"topic {i}", slug=f"topic-{i}") for i in range(2000)])
    tag_pop = 1.0 / np.arange(1, len(tags) + 1) ** 0.9
    tag_pop /= tag_pop.sum()

    now = timezone.now()
    batch = 5000
    for start in range(0, n, batch):
        rows = []
        links = []
        for i in range(start, min(start + batch, n)):
            topic = int(rng.integers(n_topics))
            length = int(rng.integers(150, 450))
            k_topic = int(length * 0.3)
            words = np.concatenate([
                vocab[topic_words[topic][rng.integers(0, 120, k_topic)]],
                vocab[rng.choice(len(vocab), length - k_topic, p=zipf)],
            ])
            rng.shuffle(words)
            title = " ".join(np.concatenate([vocab[topic_words[topic][rng.integers(0, 120, 4)]],
                                             vocab[rng.choice(len(vocab), 3, p=zipf)]]))
            paragraphs = [" ".join(words[p : p + 60]) for p in range(0, len(words), 60)]
            rows.append(Article(
                title=title.capitalize(), slug=f"bench-{i}", standfirst=" ".join(words[:25]),
                highlights=[" ".join(words[25:35])], body="".join(f"<p>{p}.</p>" for p in paragraphs),
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(minutes=int(i * 5 + rng.integers(5))),
            ))
            links.append(topic)
        created = Article.objects.bulk_create(rows)
        tagged, offs, ents, regs = [], [], [], []
        for a, topic in zip(created, links, strict=True):
            for t in set(rng.choice(len(tags), 3, p=tag_pop).tolist() + [topic % len(tags)]):
                tagged.append(TaggedArticle(content_object_id=a.pk, tag_id=tags[t].pk))
            offs.append(Article.officials.through(article_id=a.pk, official_id=officials[(topic * 3) % 500].pk))
            for e in {topic * 2 % 1000, int(rng.integers(1000))}:
                ents.append(Article.enterprises.through(article_id=a.pk, enterprise_id=enterprises[e].pk))
            regs.append(Article.regulators.through(article_id=a.pk, regulator_id=regulators[topic % 100].pk))
        TaggedArticle.objects.bulk_create(tagged)
        Article.officials.through.objects.bulk_create(offs)
        Article.enterprises.through.objects.bulk_create(ents)
        Article.regulators.through.objects.bulk_create(regs)
        print(f"\rgenerated {min(start + batch, n)}/{n}", end="", flush=True)
    print(f"\ngenerated {n} articles in {time.perf_counter() - t0:.0f}s")
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ANALYZE")


def ms(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values) * 1000, values[int(len(values) * 0.95) - 1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="keep the corpus already in the database")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not args.reuse:
        generate(args.articles)
    figures: dict[str, float] = {"articles": Article.objects.published().count()}

    cpu = time.process_time()
    result = recs.rebuild_all()
    figures["rebuild_total_s"] = round(result["seconds"], 1)
    print(f"full rebuild: {result['seconds']:.1f}s, {result['stored']} entries;"
          f" CPU {time.process_time() - cpu:.1f}s in this process, PostgreSQL's own work not included")

    index = recs._HELD["index"]
    labels = recs.Labels.load(recs.EntityNames.load())
    rng = np.random.default_rng(2)
    sample = [int(x) for x in rng.choice(index.ids, min(args.samples, len(index)), replace=False)]
    compute, compute_store = [], []
    for article_id in sample:
        t = time.perf_counter()
        lists = recs.lists_for(index, [article_id], labels=labels)
        compute.append(time.perf_counter() - t)
        recs.store(lists)
        compute_store.append(time.perf_counter() - t)
    figures["one_list_median_ms"], figures["one_list_p95_ms"] = ms(compute)
    figures["one_list_and_store_median_ms"], figures["one_list_and_store_p95_ms"] = ms(compute_store)
    print(f"one article's list: median {figures['one_list_median_ms']:.1f} ms, p95 {figures['one_list_p95_ms']:.1f} ms"
          f" (with storing: median {figures['one_list_and_store_median_ms']:.1f} ms,"
          f" p95 {figures['one_list_and_store_p95_ms']:.1f} ms)")

    refresh = []
    for article_id in sample[:20]:
        t = time.perf_counter()
        recs.refresh(article_ids=[article_id])
        refresh.append(time.perf_counter() - t)
    figures["refresh_on_publish_median_ms"], figures["refresh_on_publish_p95_ms"] = ms(refresh)
    print(f"refresh of one changed article (its list + lists it belongs in): median "
          f"{figures['refresh_on_publish_median_ms']:.0f} ms, p95 {figures['refresh_on_publish_p95_ms']:.0f} ms")

    client = Client()
    pages, blocks, block_cpu = [], [], []
    for article_id in sample[:60]:
        article = Article.objects.get(pk=article_id)
        url = article.get_absolute_url()
        client.get(url)  # warm
        t = time.perf_counter()
        response = client.get(url)
        pages.append(time.perf_counter() - t)
        assert response.status_code == 200 and b"You Might Also Like" in response.content
        # Wall time counts waiting for PostgreSQL, which on a shared machine
        # is mostly waiting for a CPU; CPU time of this process is what the
        # block adds to a page render. (The cached template loader is on, as
        # in production: Django enables it whenever "loaders" is not set.)
        t, c = time.perf_counter(), time.process_time()
        render_to_string("includes/related.html", {"related": related_for_display(article)})
        blocks.append(time.perf_counter() - t)
        block_cpu.append(time.process_time() - c)
    figures["page_median_ms"], figures["page_p95_ms"] = ms(pages)
    figures["block_median_ms"], figures["block_p95_ms"] = ms(blocks)
    figures["block_cpu_median_ms"], figures["block_cpu_p95_ms"] = ms(block_cpu)
    print(f"article page with its block: median {figures['page_median_ms']:.1f} ms, p95 {figures['page_p95_ms']:.1f} ms;"
          f" the block alone (2 queries + template): median {figures['block_median_ms']:.2f} ms,"
          f" p95 {figures['block_p95_ms']:.2f} ms wall; CPU median {figures['block_cpu_median_ms']:.2f} ms,"
          f" p95 {figures['block_cpu_p95_ms']:.2f} ms")
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
