"""Search latency on whatever database DATABASE_URL points to.

    DATABASE_URL=postgres://… .venv/bin/python bench/search_bench.py --n 200

Runs N queries (words from stored titles, entity names in Latin and native
script, a few fixed phrases, cycled) three ways: the article search alone
(count + first page of 20 with snippets), the entity lookup alone, and the
whole /search/ view rendered through its template. Prints median, p95 and
max in milliseconds, then the same figures as one JSON line. It reads only;
fill the database first (the corpus generator, or load_demo).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from articles.models import Article  # noqa: E402
from entities.models import Enterprise, Official, Regulator  # noqa: E402
from search.engine import search_articles  # noqa: E402
from search.entity_matches import search_entities  # noqa: E402
from search.models import ArticleSearchDocument  # noqa: E402
from search.snippets import attach_snippets  # noqa: E402
from search.views import search as search_view  # noqa: E402

FIXED = ["quota", "rare earth", "export controls", "SASAC", "北方稀土", "稀土", "magnet prices", '"rare earth" -cobalt']


def sample_queries(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    queries = list(FIXED)
    titles = list(Article.objects.published().order_by("?").values_list("title", flat=True)[:200])
    for title in titles:
        words = [w for w in title.split() if len(w) > 3]
        if words:
            queries.append(" ".join(rng.sample(words, k=min(len(words), rng.choice((1, 1, 2))))))
    for model in (Official, Enterprise, Regulator):
        for name, native in model.objects.order_by("?").values_list("name", "native_name")[:30]:
            queries.append(name)
            if native:
                queries.append(native)
    rng.shuffle(queries)
    return [queries[i % len(queries)] for i in range(n)]


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2), "max_ms": round(ordered[-1], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="queries per measurement (default 200)")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", action="append", help="use these queries instead of sampled ones")
    args = parser.parse_args()

    queries = [args.query[i % len(args.query)] for i in range(args.n)] if args.query else sample_queries(args.n, args.seed)
    factory = RequestFactory()

    def articles(q: str) -> None:
        found = search_articles(query=q)
        found.queryset.count()
        attach_snippets(found.queryset[:20], found)

    def page(q: str) -> None:
        response = search_view(factory.get("/search/", {"q": q}))
        assert response.status_code == 200, (q, response.status_code)

    measures = {"articles (count + page of 20)": articles, "entities": search_entities, "full page (view + template)": page}
    for q in queries[: args.warmup]:
        page(q)
    results = {name: summary([timed(lambda q=q, fn=fn: fn(q)) for q in queries]) for name, fn in measures.items()}

    info = {
        "database": connection.vendor,
        "published_articles": Article.objects.published().count(),
        "search_documents": ArticleSearchDocument.objects.count(),
        "entities": Official.objects.count() + Enterprise.objects.count() + Regulator.objects.count(),
        "queries": len(queries),
    }
    print(" ".join(f"{k}={v}" for k, v in info.items()))
    print(f"{'measure':32} {'median ms':>10} {'p95 ms':>10} {'max ms':>10}")
    for name, figures in results.items():
        print(f"{name:32} {figures['median_ms']:>10.2f} {figures['p95_ms']:>10.2f} {figures['max_ms']:>10.2f}")
    print(json.dumps({"bench": "search", **info, "results": results}))


if __name__ == "__main__":
    main()
