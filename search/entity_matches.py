"""Officials, enterprises and regulators whose names match a query, for the
results page's "People and organisations" list and its filter labels; only
public ones (``public()``: named in a published story, or a published
profile), so a search does not reveal who an unpublished story is about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value
from django.urls import reverse
from django.utils import timezone

from .query import ENTITY_LABELS, ENTITY_MODELS, normalize_query, query_terms

ENTITY_LIMIT = 12


@dataclass(frozen=True)
class EntityMatch:
    kind: str
    name: str
    native_name: str
    slug: str

    @property
    def label(self) -> str:
        return ENTITY_LABELS[self.kind]

    def get_absolute_url(self) -> str:
        return reverse(f"entities:{self.kind}", kwargs={"slug": self.slug})


def search_entities(query: str, *, limit: int = ENTITY_LIMIT) -> list[EntityMatch]:
    """Officials, enterprises and regulators whose name, native-script name,
    acronym or an alias matches ``query`` (every term, as a substring; on
    PostgreSQL also by trigram word similarity, which forgives misspellings),
    best first, in one query."""
    query = normalize_query(query)
    terms = query_terms(query).include
    if not terms:
        return []
    rows = _entity_rows(terms, " ".join(terms), limit)
    return [EntityMatch(kind, name, native, slug) for kind, name, native, slug, _score in rows]


def _name_condition(terms: Sequence[str], lowered: str) -> Q:
    """Every term a substring of a name, or (PostgreSQL) the query
    similar to a word of one."""
    condition = Q()
    for term in terms:
        condition &= Q(search_names__contains=term)
    if connection.vendor == "postgresql":
        condition |= Q(search_names__trigram_word_similar=lowered)
    return condition


def matching_entities(model: type, query: str) -> QuerySet:
    """The ``model`` rows (Official, Enterprise or Regulator) matching
    ``query`` as the results page's profiles do: for the admin's lists
    (every row, public or not: editors search their own records)."""
    terms = query_terms(normalize_query(query)).include
    if not terms:
        return model.objects.none()
    return model.objects.filter(_name_condition(terms, " ".join(terms)))


def _entity_rows(terms: Sequence[str], lowered: str, limit: int) -> list[tuple]:
    """One query: the union of the three kinds' public matches, best first."""
    condition = _name_condition(terms, lowered)
    if connection.vendor == "postgresql":
        score = TrigramWordSimilarity(lowered, "search_names")
    else:
        score = Value(1.0, output_field=FloatField())
    now = timezone.now()
    parts = [
        model.objects.public(now=now).filter(condition)
        .annotate(kind=Value(kind), score=score)
        .values_list("kind", "name", "native_name", "slug", "score")
        .order_by()
        for kind, model in ENTITY_MODELS.items()
    ]
    return list(parts[0].union(*parts[1:], all=True).order_by("-score", "name")[:limit])


def entity_labels(entities: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Display names of filter entities, ``(kind, slug) -> name``, in one query."""
    if not entities:
        return {}
    parts = [
        ENTITY_MODELS[kind].objects.public().filter(slug=slug).annotate(kind=Value(kind)).values_list("kind", "slug", "name").order_by()
        for kind, slug in entities
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {(kind, slug): name for kind, slug, name in rows}
