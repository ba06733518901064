"""Search latency on whatever database DATABASE_URL points to.

    DATABASE_URL=postgres://… .venv/bin/python bench/search_bench.py --n 200

Runs N queries (words from stored titles, entity names in Latin and native
script, a few fixed phrases, cycled) three ways: the article search alone
(count + first page of 20 with snippets), the entity lookup alone, and the
whole /search/ view rendered through its template. Prints median, p95 and
max in milliseconds, then the same figures as one JSON line. It reads only;
fill the database first (the corpus generator, or load_demo).

Then, by kind of query (plain words from titles; misspelled: a title word
of six letters or more with one letter dropped, changed or swapped, that
is no word of the vocabulary; Chinese: entities' native names and fixed
terms), the forgiving search as the page runs it
(``search.forgiving.find_articles``: retries, corrections, synonyms, the
page of 20 with snippets) and the whole page; ``--kinds-only`` skips the
first part, ``--no-kinds`` this one (``--query "rare earth" --no-kinds``
times one query alone).
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
from search.forgiving import find_articles  # noqa: E402
from search.models import ArticleSearchDocument, SearchTerm  # noqa: E402
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


FIXED_CHINESE = ["稀土", "北方稀土", "镝", "钕", "国资委", "包钢", "工信部", "镨钕"]
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("drop", "change", "swap"))
    if edit == "drop":
        return word[:i] + word[i + 1 :]
    if edit == "change":
        return word[:i] + rng.choice(_LETTERS.replace(word[i], "")) + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def sample_kinds(n: int, seed: int) -> dict[str, list[str]]:
    """``n`` queries of each kind: plain, misspelled, Chinese."""
    rng = random.Random(seed)
    titles = list(Article.objects.published().order_by("?").values_list("title", flat=True)[:400])
    words = sorted({w.lower().strip(".,:;'\"") for t in titles for w in t.split()})
    plain = [w for w in words if len(w) > 3]
    long_words = [w for w in words if len(w) >= 6 and w.isalpha()]
    known = set(SearchTerm.objects.values_list("term", flat=True))
    misspelled = []
    for _ in range(n * 20):
        if len(misspelled) >= n or not long_words:
            break
        typo = misspell(rng.choice(long_words), rng)
        if typo not in known:
            misspelled.append(typo)
    chinese = list(FIXED_CHINESE)
    for model in (Official, Enterprise, Regulator):
        chinese += [x for x in model.objects.exclude(native_name="").order_by("?").values_list("native_name", flat=True)[:40]]
    out = {}
    for kind, pool in (("plain", plain), ("misspelled", misspelled), ("chinese", chinese)):
        rng.shuffle(pool)
        out[kind] = [pool[i % len(pool)] for i in range(n)] if pool else []
    return out


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
    parser.add_argument("--kinds-only", action="store_true", help="only the by-kind measurements")
    parser.add_argument("--no-kinds", action="store_true", help="skip the by-kind measurements")
    args = parser.parse_args()
    factory = RequestFactory()
    if not args.kinds_only:
        overall(args, factory)
    if not args.no_kinds:
        by_kind(args, factory)


def by_kind(args: argparse.Namespace, factory: RequestFactory) -> None:
    def forgiving(q: str) -> None:
        found = find_articles(query=q).search
        attach_snippets(found.queryset[:20], found)

    def page(q: str) -> None:
        response = search_view(factory.get("/search/", {"q": q}))
        assert response.status_code == 200, (q, response.status_code)

    kinds = sample_kinds(args.n, args.seed)
    results: dict[str, dict] = {}
    corrected: dict[str, float] = {}
    for kind, queries in kinds.items():
        for q in queries[: args.warmup]:
            page(q)
        results[kind] = {
            "forgiving search (page of 20)": summary([timed(lambda q=q: forgiving(q)) for q in queries]),
            "full page (view + template)": summary([timed(lambda q=q: page(q)) for q in queries]),
        }
        found = [find_articles(query=q) for q in queries]
        corrected[kind] = round(sum(bool(f.corrected_from) for f in found) / max(len(found), 1), 3)
    print(f"{'kind':12} {'measure':32} {'median ms':>10} {'p95 ms':>10} {'max ms':>10}")
    for kind, measures in results.items():
        for name, figures in measures.items():
            print(f"{kind:12} {name:32} {figures['median_ms']:>10.2f} {figures['p95_ms']:>10.2f} {figures['max_ms']:>10.2f}")
    print("share of queries answered with a correction:", corrected)
    print("examples:", {kind: queries[:5] for kind, queries in kinds.items()})
    print(json.dumps({"bench": "search-by-kind", "database": connection.vendor, "queries_per_kind": args.n,
                      "results": results, "corrected": corrected}, ensure_ascii=False))


def overall(args: argparse.Namespace, factory: RequestFactory) -> None:
    queries = [args.query[i % len(args.query)] for i in range(args.n)] if args.query else sample_queries(args.n, args.seed)

    def articles(q: str) -> None:
        found = search_articles(query=q)
        found.queryset.count()
        attach_snippets(found.queryset[:20], found)

    def page(q: str) -> None:
        response = search_view(factory.get("/search/", {"q": q}))
        assert response.status_code == 200, (q, response.status_code)

    def forgiving(q: str) -> None:
        found = find_articles(query=q).search
        attach_snippets(found.queryset[:20], found)

    measures = {
        "articles (count + page of 20)": articles, "forgiving search (page of 20)": forgiving,
        "entities": search_entities, "full page (view + template)": page,
    }
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
