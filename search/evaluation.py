"""How well search answers a labelled query set (search/data/labelled_queries.json):
recall@k and mean reciprocal rank, per kind of query, with the forgiving
parts (typo tolerance, synonym groups) off ("before") and on ("after")."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .forgiving import find_articles

LABELLED_QUERIES = Path(__file__).resolve().parent / "data" / "labelled_queries.json"
FIRST_PAGE = 20


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    kind: str
    expect: tuple[str, ...]


@dataclass
class Scores:
    n: int = 0
    recall: float = 0.0
    reciprocal_rank: float = 0.0
    on_first_page: int = 0

    def add(self, ranked: list[str], expect: tuple[str, ...], k: int) -> None:
        self.n += 1
        self.recall += len(set(ranked[:k]) & set(expect)) / len(expect)
        rank = next((i for i, slug in enumerate(ranked, 1) if slug in expect), None)
        self.reciprocal_rank += 1 / rank if rank else 0.0
        self.on_first_page += bool(set(ranked[:FIRST_PAGE]) & set(expect))

    def row(self) -> dict[str, float]:
        n = self.n or 1
        return {
            "recall": round(self.recall / n, 3),
            "mrr": round(self.reciprocal_rank / n, 3),
            "first_page": round(self.on_first_page / n, 3),
        }


def load_labelled(path: Path | str = LABELLED_QUERIES) -> list[LabelledQuery]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [LabelledQuery(q["query"], q["kind"], tuple(q["expect"])) for q in data["queries"]]


def ranked_slugs(query: str, *, forgiving: bool, depth: int = FIRST_PAGE) -> list[str]:
    found = find_articles(query=query, typo_tolerance=forgiving, synonyms=forgiving).search
    return [article.slug for article in found.queryset[:depth]]


def evaluate(queries: list[LabelledQuery], *, k: int = 10) -> dict[str, dict[str, dict[str, float]]]:
    """``{kind or "all": {"before": scores, "after": scores}}``."""
    scores: dict[str, dict[str, Scores]] = defaultdict(lambda: {"before": Scores(), "after": Scores()})
    for labelled in queries:
        for label, forgiving in (("before", False), ("after", True)):
            ranked = ranked_slugs(labelled.query, forgiving=forgiving, depth=max(k, FIRST_PAGE))
            for kind in (labelled.kind, "all"):
                scores[kind][label].add(ranked, labelled.expect, k)
    return {kind: {label: s.row() | {"n": s.n} for label, s in pair.items()} for kind, pair in scores.items()}
