"""Synonym groups at query time: a query term equal to any name of a group
(镝, Dy, dysprosium) is searched as all of them, as an entity is found by
any of its aliases. Nothing is stored in the index, so an editor's change in
the admin applies to the next search."""

from __future__ import annotations

from django.core.cache import cache

from .models import SynonymGroup
from .query import QueryTerms

CACHE_KEY = "search:synonym-table"
# Saving or deleting a group clears the cached table (signals.py); the
# lifetime only bounds a cache that missed that (a shared cache was down).
CACHE_SECONDS = 300


def synonym_table() -> dict[str, tuple[str, ...]]:
    """Every lower-cased name of every group -> all names of its group
    (that name first). Cached; one query on a small table otherwise."""
    table = cache.get(CACHE_KEY)
    if table is None:
        table = _read_table()
        cache.set(CACHE_KEY, table, CACHE_SECONDS)
    return table


def forget_synonym_table() -> None:
    cache.delete(CACHE_KEY)


def _read_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for name, aliases in SynonymGroup.objects.values_list("name", "aliases"):
        group = SynonymGroup(name=name, aliases=aliases if isinstance(aliases, list) else [])
        names = group.all_names()
        for n in names:
            table.setdefault(n, (n, *(other for other in names if other != n)))
    return table


def expand_terms(terms: QueryTerms, table: dict[str, tuple[str, ...]] | None) -> tuple[tuple[str, ...], ...]:
    """Each included term with its alternatives (the term itself first).

    A query that is as a whole one name of a group ("rare earth",
    "Ministry of Commerce") is one term; otherwise each term is looked up
    alone."""
    if not table:
        return tuple((t,) for t in terms.include)
    whole = " ".join(terms.include)
    if len(terms.include) > 1 and whole in table:
        return (table[whole],)
    return tuple(table.get(t, (t,)) for t in terms.include)


def typed_as_words(terms: QueryTerms, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``groups`` is one group for a whole query of several words
    (``rare earth`` typed without quotes). The reader's own words are then
    still matched as they would be without synonyms, each on its own
    (``rare & earth``: "rare and light earths" too), and only the group's
    other names as phrases; a quoted name stays a phrase."""
    return len(terms.include) > 1 and len(groups) == 1


def is_known_name(word: str, table: dict[str, tuple[str, ...]] | None) -> bool:
    return bool(table) and word in table
