"""The search every surface uses (the reader's page, the admin's lists, the
evaluation command): whole words; when nothing matched, the query with its
unknown words corrected from the vocabulary; then parts of words; synonym
groups throughout. Says what it did, so the page can say
"Showing results for …" or "Did you mean …"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from core.cjk import CJK_RE

from .engine import ArticleSearch, search_articles
from .query import SearchFilters, normalize_query
from .spelling import check_spelling, typo_tolerance_enabled
from .synonyms import synonym_table


@dataclass
class FoundArticles:
    search: ArticleSearch
    # The query as typed, when the results are for a corrected one
    # (``search.query``).
    corrected_from: str = ""
    # A much more common near-spelling of the query, when it found results.
    suggestion: str = ""


def find_articles(
    *,
    query: str,
    filters: SearchFilters | None = None,
    within: QuerySet | None = None,
    typo_tolerance: bool | None = None,
    synonyms: bool = True,
    now: datetime.datetime | None = None,
) -> FoundArticles:
    """Articles matching ``query`` (see ``engine.search_articles``), forgiving
    misspellings unless ``typo_tolerance`` is False (default: the
    ``SEARCH_TYPO_TOLERANCE`` setting) and matching synonyms unless
    ``synonyms`` is False.

    A correction is only offered when the corrected query finds articles in
    the same search (so the vocabulary, counted when articles were indexed,
    can never show a word from an article that is no longer visible)."""
    query = normalize_query(query)
    table = synonym_table() if synonyms and query else None
    common = {"filters": filters, "within": within, "synonyms": table, "now": now}
    found = search_articles(query=query, **common)
    tolerant = typo_tolerance_enabled() if typo_tolerance is None else typo_tolerance
    if not tolerant or found.mode == "filter" or not found.terms.include:
        return FoundArticles(_parts_if_nothing(found, query, common))
    spelling = check_spelling(query, skip=set(table or ()))
    if not found.has_matches:
        # The vocabulary before parts of words: on PostgreSQL a misspelt
        # word's trigrams are common ones, so looking for it inside every
        # document reads most of them (seconds on 100,000 articles), while
        # the corrected words are answered by the full-text index.
        if spelling.corrected and spelling.corrected.lower() != query.lower():
            retry = search_articles(query=spelling.corrected, **common)
            if retry.has_matches:
                return FoundArticles(retry, corrected_from=query)
        return FoundArticles(_parts_if_nothing(found, query, common))
    if spelling.suggested and spelling.suggested.lower() != query.lower():
        return FoundArticles(found, suggestion=spelling.suggested)
    return FoundArticles(found)


def _parts_if_nothing(found: ArticleSearch, query: str, common: dict) -> ArticleSearch:
    if found.mode == "fulltext" and found.terms.include and not found.has_matches and _has_latin_term(found):
        # No whole-word match (a name cut short, "neodym"): try parts of words.
        found = search_articles(query=query, substring=True, **common)
    return found


def _has_latin_term(found: ArticleSearch) -> bool:
    """Whether a typed term could be part of a longer word. A Chinese term
    (with synonyms, the only kind the full-text engine is given) was already
    looked for by all its character tokens, which every document holding it
    has, so parts of words could find nothing more: for 镨钕, whose English
    names the articles did not use, that retry read every document."""
    return any(not CJK_RE.search(term) for term in found.terms.include)
