"""Print recall@k and MRR of search on a labelled query set, before (typo
tolerance and synonyms off) and after, per kind of query."""

import json

from django.core.management.base import BaseCommand
from django.db import connection

from search.evaluation import FIRST_PAGE, LABELLED_QUERIES, evaluate, load_labelled


class Command(BaseCommand):
    help = "Recall@k and MRR of search on labelled queries, typo tolerance and synonyms off and on."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", default=str(LABELLED_QUERIES), help="labelled queries (JSON)")
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")

    def handle(self, *args, file: str, k: int, json: bool = False, **options) -> None:
        queries = load_labelled(file)
        results = evaluate(queries, k=k)
        self.stdout.write(f"engine: {connection.vendor}, {len(queries)} labelled queries, k={k}")
        header = f"{'kind':<12} {'n':>3}  {'recall@' + str(k) + ' before':>16} {'after':>6}  {'MRR before':>10} {'after':>6}"
        header += f"  {'page 1 before':>13} {'after':>6}"
        self.stdout.write(header)
        for kind in sorted(results, key=lambda kind: (kind == "all", kind)):
            before, after = results[kind]["before"], results[kind]["after"]
            self.stdout.write(
                f"{kind:<12} {before['n']:>3}  {before['recall']:>16.3f} {after['recall']:>6.3f}"
                f"  {before['mrr']:>10.3f} {after['mrr']:>6.3f}"
                f"  {before['first_page']:>13.0%} {after['first_page']:>6.0%}"
            )
        self.stdout.write(f"(page 1: share of queries with a labelled article among the first {FIRST_PAGE} results)")
        if json:
            self.stdout.write(_dumps({"engine": connection.vendor, "k": k, "results": results}))


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
