"""Spelling for queries: the closest vocabulary words to a query word
(search/vocabulary.py), to retry a query that found nothing ("dysprosum" ->
"dysprosium") and to offer "Did you mean" when a much more common
near-spelling exists.

Candidates come from the vocabulary table alone, never the articles: on
PostgreSQL the trigram GiST index's nearest neighbours (``term <-> word``,
one query for all the words of a query); without pg_trgm (SQLite, or a
server without the extension) the words of about the same length that share
the first or second letter. Candidates are then ranked by edit distance
(optimal string alignment: a swap of two letters is one edit), then by how
many articles use them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from rapidfuzz.distance import OSA

from .models import SearchTerm
from .vocabulary import WORD_RE

# Nearest trigram neighbours fetched per word before ranking by edit distance.
NEIGHBOURS = 12
# "Did you mean" only for a near-spelling this many times as common as the
# word typed, and in at least this many articles.
DID_YOU_MEAN_RATIO = 10
DID_YOU_MEAN_MIN_ARTICLES = 3
_QUERY_WORD = re.compile(r"[^\W\d_]+")

_trigram_ready: dict[str, bool] = {}


def typo_tolerance_enabled() -> bool:
    return bool(getattr(settings, "SEARCH_TYPO_TOLERANCE", True))


def max_edits(word: str) -> int:
    """Edits forgiven in a word: one up to five letters, two beyond."""
    return 1 if len(word) <= 5 else 2


def uses_trigrams() -> bool:
    """Whether the vocabulary's trigram index exists here (PostgreSQL with
    pg_trgm); asked once per process and database."""
    alias = connection.alias
    if alias not in _trigram_ready:
        ready = False
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'search_term_trgm'")
                ready = cursor.fetchone() is not None
        _trigram_ready[alias] = ready
    return _trigram_ready[alias]


def _neighbours(words: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
    """For each word, vocabulary words near it with their article counts
    (the word itself among them when it is in the vocabulary)."""
    found: dict[str, list[tuple[str, int]]] = {w: [] for w in words}
    if not words:
        return found
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    with connection.cursor() as cursor:
        if uses_trigrams():
            cursor.execute(
                f"""SELECT w.word, t.term, t.frequency FROM unnest(%s::text[]) AS w(word)
                    CROSS JOIN LATERAL (
                        SELECT term, frequency FROM {table} ORDER BY term <-> w.word LIMIT %s
                    ) AS t""",  # noqa: S608 - our table name; values are parameters
                [list(words), NEIGHBOURS],
            )
            for word, term, frequency in cursor.fetchall():
                found[word].append((term, frequency))
            return found
        for word in words:
            edits = max_edits(word)
            cursor.execute(
                f"""SELECT term, frequency FROM {table}
                    WHERE length BETWEEN %s AND %s AND (substr(term, 1, 1) = %s OR substr(term, 2, 1) = %s)""",  # noqa: S608
                [len(word) - edits, len(word) + edits, word[0], word[1:2]],
            )
            found[word] = list(cursor.fetchall())
    return found


def _is_inflection(a: str, b: str) -> bool:
    """"magnet" and "magnets": the same word to the search (stemming), so
    never a suggestion for each other."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) <= 2


def _closest(word: str, candidates: list[tuple[str, int]]) -> tuple[str, int] | None:
    """The best other spelling within ``max_edits``: fewest edits, then
    most articles."""
    limit = max_edits(word)
    ranked = []
    for term, frequency in candidates:
        if term == word or _is_inflection(term, word):
            continue
        distance = OSA.distance(word, term, score_cutoff=limit)
        if distance <= limit:
            ranked.append((distance, -frequency, term))
    if not ranked:
        return None
    distance, negative_frequency, term = min(ranked)
    return term, -negative_frequency


@dataclass(frozen=True)
class Spelling:
    """What the vocabulary says about a query: ``corrected`` replaces every
    word it does not hold by its closest word (None when there is none or
    no word was unknown); ``suggested`` replaces known but rare words by a
    much more common near-spelling (None when there is none)."""

    corrected: str | None = None
    suggested: str | None = None


def _rewrite(query: str, replacements: dict[str, str]) -> str | None:
    if not replacements:
        return None
    return _QUERY_WORD.sub(lambda m: replacements.get(m.group(0).lower(), m.group(0)), query)


def check_spelling(query: str, *, skip: frozenset[str] | set[str] = frozenset()) -> Spelling:
    """Corrections and suggestions for the Latin-script words of ``query``
    (three letters or more; words in ``skip``, e.g. synonym names, are left
    as they are). One query on the vocabulary."""
    words = []
    for match in _QUERY_WORD.finditer(query.lower()):
        word = match.group(0)
        if WORD_RE.fullmatch(word) and word not in skip and word != "or" and word not in words:
            words.append(word)
    if not words:
        return Spelling()
    neighbours = _neighbours(words)
    corrections: dict[str, str] = {}
    suggestions: dict[str, str] = {}
    for word in words:
        candidates = neighbours[word]
        own = next((frequency for term, frequency in candidates if term == word), 0)
        best = _closest(word, candidates)
        if best is None:
            continue
        term, frequency = best
        if not own:
            corrections[word] = term
        elif frequency >= max(DID_YOU_MEAN_RATIO * own, DID_YOU_MEAN_MIN_ARTICLES):
            suggestions[word] = term
    return Spelling(corrected=_rewrite(query, corrections), suggested=_rewrite(query, suggestions))
