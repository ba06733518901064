"""Officials, enterprises and regulators whose names match a query, for the
results page's "People and organisations" list and its filter labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value
from django.urls import reverse

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
    ``query`` as the results page's profiles do: for the admin's lists."""
    terms = query_terms(normalize_query(query)).include
    if not terms:
        return model.objects.none()
    return model.objects.filter(_name_condition(terms, " ".join(terms)))


def _entity_queryset(terms: Sequence[str], lowered: str, limit: int) -> QuerySet:
    condition = _name_condition(terms, lowered)
    if connection.vendor == "postgresql":
        score = TrigramWordSimilarity(lowered, "search_names")
    else:
        score = Value(1.0, output_field=FloatField())
    parts = [
        model.objects.filter(condition)
        .annotate(kind=Value(kind), score=score)
        .values_list("kind", "name", "native_name", "slug", "score")
        .order_by()
        for kind, model in ENTITY_MODELS.items()
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-score", "name")[:limit]


# (database, number of terms, limit) -> (SQL, parameters, slots), or None
# when the compiled parameters did not reveal where each value goes.
_ENTITY_SQL: dict[tuple[str, int, int], tuple[str, list, list[tuple[int, int]]] | None] = {}
_LOWERED = -1  # the slot of the whole lowered query (the terms are 0..n-1)


def _compile_entity_query(n_terms: int, limit: int) -> tuple[str, list, list[tuple[int, int]]] | None:
    """The entity query's SQL for ``n_terms`` terms, built by the ORM once
    with sentinel terms, and where each term (as a LIKE pattern) and the
    whole query land among its parameters."""
    sentinels = [f"\x1fentity-term-{i}\x1f" for i in range(n_terms)]
    lowered = "\x1fentity-query\x1f"
    sql, params = _entity_queryset(sentinels, lowered, limit).query.get_compiler(connection.alias).as_sql()
    like = {f"%{connection.ops.prep_for_like_query(s)}%": i for i, s in enumerate(sentinels)}
    slots = []
    for position, value in enumerate(params):
        if value == lowered:
            slots.append((position, _LOWERED))
        elif isinstance(value, str) and value in like:
            slots.append((position, like[value]))
        elif isinstance(value, str) and "\x1f" in value:
            return None  # a sentinel in a form not recognised here
    if {i for _, i in slots} != {*range(n_terms), *([_LOWERED] if connection.vendor == "postgresql" else [])}:
        return None
    return sql, list(params), slots


def _entity_rows(terms: Sequence[str], lowered: str, limit: int) -> list[tuple]:
    """The rows of ``_entity_queryset``: the union of three filtered,
    annotated querysets cost more CPU to build and compile on every search
    than PostgreSQL takes to answer it, and its SQL depends only on the
    number of terms, so it is compiled once per term count."""
    key = (connection.alias, len(terms), limit)
    if key not in _ENTITY_SQL:
        _ENTITY_SQL[key] = _compile_entity_query(len(terms), limit)
    compiled = _ENTITY_SQL[key]
    if compiled is None:
        return list(_entity_queryset(terms, lowered, limit))
    sql, params, slots = compiled
    params = list(params)
    for position, i in slots:
        params[position] = lowered if i == _LOWERED else f"%{connection.ops.prep_for_like_query(terms[i])}%"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def entity_labels(entities: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Display names of filter entities, ``(kind, slug) -> name``, in one query."""
    if not entities:
        return {}
    parts = [
        ENTITY_MODELS[kind].objects.filter(slug=slug).annotate(kind=Value(kind)).values_list("kind", "slug", "name").order_by()
        for kind, slug in entities
    ]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {(kind, slug): name for kind, slug, name in rows}
