#!/usr/bin/env python3
"""What the "You Might Also Like" block costs an article page, as a web
worker pays it: the stored list's query plus the rendered include, under the
settings in DJANGO_SETTINGS_MODULE (production by default), for random
published articles of the database in DATABASE_URL. Prints the median and
p95 of wall and CPU time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ree_bench SECRET_KEY=... \\
        ALLOWED_HOSTS=127.0.0.1 .venv/bin/python bench/related_block.py --samples 300

Run it in a fresh process: bench/recommendations_bench.py measures the block
in the process that has just built and holds the whole index, where Python's
garbage collector walks that index too.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.prod")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402

from articles.models import Article  # noqa: E402
from recommendations.selectors import related_for_display  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    ids = list(Article.objects.published().values_list("id", flat=True))
    random.Random(args.seed).shuffle(ids)
    articles = [Article.objects.get(pk=pk) for pk in ids[: args.samples]]
    warm, measured = articles[:20], articles[20:]
    for article in warm:  # template compiled, connections open
        render_to_string("includes/related.html", {"related": related_for_display(article)})
    wall, cpu = [], []
    for article in measured:
        t, c = time.perf_counter(), time.process_time()
        render_to_string("includes/related.html", {"related": related_for_display(article)})
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    wall.sort()
    cpu.sort()

    def p95(values: list[float]) -> float:
        return values[int(len(values) * 0.95)]

    print(f"block over {len(measured)} articles: wall median {statistics.median(wall):.2f} ms, p95 {p95(wall):.2f} ms; "
          f"CPU median {statistics.median(cpu):.2f} ms, p95 {p95(cpu):.2f} ms (load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
