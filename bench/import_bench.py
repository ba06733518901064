#!/usr/bin/env python
"""Import benchmark: 20,000 JSONL articles with tags and entities.

Generates a corpus (written in this script's own words, from small word
pools), empties the content tables of the database named by DATABASE_URL,
then runs the real import service on it twice (first import, then the
idempotent re-run) and the export once. Prints a table and a JSON line with
elapsed time, rate and the process's peak resident memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ree_import_bench \\
        .venv/bin/python bench/import_bench.py [--articles 20000] [--batch-size 200]

Target (issue 7): the first import under 3 minutes, peak memory under 500 MB.
THE DATABASE'S ARTICLES, TAGS, AUTHORS AND ENTITIES ARE DELETED FIRST.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.dev")
os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory: not what production runs

WORDS = ["quota", "smelter", "ore", "separation", "magnet", "oxide", "neodymium", "dysprosium", "terbium", "lanthanum", "cerium", "yttrium", "province", "ministry", "export", "licence", "tonnage", "refinery", "capacity", "tender", "audit", "inspection", "price", "index", "shipment", "port", "buyer", "contract", "forecast", "output", "mine", "tailings", "permit", "supply", "demand", "reserve", "stockpile", "policy", "review", "plan", "target", "growth", "decline", "merger", "subsidiary", "board", "chairman", "secretary", "committee"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    tags = [f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}" for i in range(400)]
    officials = [f"Official {rng.choice(WORDS).title()} {i}" for i in range(300)]
    enterprises = [f"{rng.choice(WORDS).title()} Rare Earth Co {i}" for i in range(200)]
    regulators = [f"{rng.choice(WORDS).title()} Regulator {i}" for i in range(60)]
    authors = [f"Writer {i} {rng.choice(WORDS).title()}" for i in range(40)]
    statuses = ["published"] * 17 + ["draft", "review", "archived"]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(count):
            status = rng.choice(statuses)
            paragraphs = "".join(f"<p>{sentence(rng, rng.randint(25, 60))}</p>" for _ in range(rng.randint(5, 12)))
            row = {
                "title": f"{sentence(rng, rng.randint(5, 10))[:-1]} ({i})",
                "slug": f"bench-article-{i}",
                "standfirst": sentence(rng, 25),
                "highlights": [sentence(rng, 8) for _ in range(3)],
                "body_html": paragraphs + "<table><tr><th>Year</th><td>2024</td></tr></table>",
                "status": status,
                "published_at": f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                                f"T{rng.randint(0, 23):02d}:30:00+08:00" if status != "draft" else None,
                "authors": rng.sample(authors, rng.randint(1, 2)),
                "tags": rng.sample(tags, rng.randint(3, 6)),
                "officials": rng.sample(officials, rng.randint(1, 3)),
                "enterprises": rng.sample(enterprises, rng.randint(1, 3)),
                "regulators": rng.sample(regulators, rng.randint(0, 2)),
                "source_url": f"https://old.example.com/{2015 + i % 10}/story-{i}/",
            }
            fh.write(json.dumps(row) + "\n")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from taggit.models import Tag

    from articles.models import Article
    from authors.models import AuthorProfile
    from entities.models import Enterprise, Official, Regulator
    from importers.jsonl import JsonlSource, write_jsonl
    from importers.service import import_records

    call_command("migrate", verbosity=0)
    content = (Article, Tag, AuthorProfile, Official, Enterprise, Regulator)
    if connection.vendor == "postgresql":
        # TRUNCATE, not delete(): Django's delete() collects every row in
        # memory first, which would dominate the peak memory measured below.
        tables = ", ".join(m._meta.db_table for m in content)
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")  # noqa: S608 (model table names)
    else:
        for model in content:
            model.objects.all().delete()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        started = time.monotonic()
        generate(corpus, args.articles)
        generated_in = time.monotonic() - started
        size_mb = corpus.stat().st_size / 1_048_576
        rss_before = peak_rss_mb()

        runs = []
        for label in ("first import", "re-import (idempotent)"):
            summary = import_records(records=JsonlSource(corpus), source=corpus.name, batch_size=args.batch_size)
            runs.append({
                "run": label, "seconds": round(summary.elapsed, 1), "per_second": round(summary.rate),
                "created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged,
                "failed": len(summary.failed), "peak_rss_mb": round(peak_rss_mb()),
            })

        started = time.monotonic()
        with open(os.devnull, "w") as sink:
            exported = write_jsonl(sink, chunk_size=500)
        runs.append({"run": "export", "seconds": round(time.monotonic() - started, 1),
                     "per_second": round(exported / max(time.monotonic() - started, 1e-9)),
                     "created": 0, "updated": 0, "unchanged": exported, "failed": 0,
                     "peak_rss_mb": round(peak_rss_mb())})

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; "
          f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other work slows every figure)")
    print(f"corpus: {args.articles:,} articles, {size_mb:.1f} MB, generated in {generated_in:.1f} s "
          f"(peak RSS before importing: {rss_before:.0f} MB)")
    print(f"{'run':<24}{'seconds':>9}{'per s':>8}{'created':>9}{'updated':>9}{'unchanged':>11}{'failed':>8}{'peak MB':>9}")
    for r in runs:
        print(f"{r['run']:<24}{r['seconds']:>9}{r['per_second']:>8}{r['created']:>9}{r['updated']:>9}"
              f"{r['unchanged']:>11}{r['failed']:>8}{r['peak_rss_mb']:>9}")
    first = runs[0]
    ok = first["seconds"] < 180 and max(r["peak_rss_mb"] for r in runs) < 500
    print(f"target (first import < 180 s, peak < 500 MB): {'met' if ok else 'NOT met'}")
    print(json.dumps({"benchmark": "import", "articles": args.articles, "database": connection.vendor,
                      "load_average": round(os.getloadavg()[0], 1),
                      "runs": runs, "target_met": ok}))


if __name__ == "__main__":
    main()
