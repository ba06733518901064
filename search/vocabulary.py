"""The vocabulary misspelled queries are corrected against: every word of
the published articles' search documents with the number of published
articles it occurs in (``SearchTerm``).

Kept by the indexing task, incrementally: when an article's document is
rewritten, the words of its previous document are taken out (if they were
counted) and the words of the new one put in (if the article is published
now). A word found only in drafts, scheduled or trashed articles is never
in the vocabulary, so a suggestion cannot reveal it. Words come from the
stored ``document`` text, so the old words are known without keeping a
second copy of them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from articles.models import Article

from .models import ArticleSearchDocument, SearchTerm

# Latin-script words of three letters or more (the document is lower-cased).
# Shorter words are symbols and particles (Dy, Nd, of): synonym groups and
# exact matching serve them; CJK text has no misspellings to correct.
WORD_RE = re.compile(r"[a-z\u00df-\u00f6\u00f8-\u024f]{3,40}")
REBUILD_CHUNK = 2000
# pg_advisory_xact_lock key for vocabulary writes (any fixed number of ours).
VOCABULARY_LOCK = 7_020_020


def document_words(document: str) -> set[str]:
    """The distinct vocabulary words of one search document."""
    return set(WORD_RE.findall(document or ""))


def vocabulary_apply(*, removed: Iterable[str], added: Iterable[str]) -> None:
    """Take one document's words (``removed``) out of the counts and put
    another's (``added``) in; words whose count drops to zero are deleted."""
    delta: Counter[str] = Counter()
    for document in removed:
        delta.subtract(document_words(document))
    for document in added:
        delta.update(document_words(document))
    _apply_delta(delta)


def _apply_delta(delta: Counter[str]) -> None:
    up = sorted((w, n) for w, n in delta.items() if n > 0)
    down = sorted((w, -n) for w, n in delta.items() if n < 0)
    if not up and not down:
        return
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One writer at a time until the transaction ends: two workers
            # adding and removing overlapping words would otherwise lock
            # rows in opposite orders and deadlock.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [VOCABULARY_LOCK])
            if up:
                cursor.execute(
                    f"""INSERT INTO {table} (term, length, frequency)
                        SELECT t, char_length(t), n FROM unnest(%s::text[], %s::int[]) AS d(t, n)
                        ON CONFLICT (term) DO UPDATE SET frequency = {table}.frequency + EXCLUDED.frequency""",  # noqa: S608 - our table name; values are parameters
                    [[w for w, _ in up], [n for _, n in up]],
                )
            if down:
                cursor.execute(
                    f"""UPDATE {table} AS s SET frequency = GREATEST(s.frequency - d.n, 0)
                        FROM unnest(%s::text[], %s::int[]) AS d(t, n) WHERE s.term = d.t""",  # noqa: S608
                    [[w for w, _ in down], [n for _, n in down]],
                )
                cursor.execute(f"DELETE FROM {table} WHERE frequency = 0 AND term = ANY(%s)", [[w for w, _ in down]])  # noqa: S608
        else:
            if up:
                cursor.executemany(
                    f"""INSERT INTO {table} (term, length, frequency) VALUES (%s, %s, %s)
                        ON CONFLICT (term) DO UPDATE SET frequency = frequency + excluded.frequency""",  # noqa: S608
                    [(w, len(w), n) for w, n in up],
                )
            if down:
                cursor.executemany(
                    f"UPDATE {table} SET frequency = MAX(frequency - %s, 0) WHERE term = %s",  # noqa: S608
                    [(n, w) for w, n in down],
                )
                cursor.executemany(f"DELETE FROM {table} WHERE frequency = 0 AND term = %s", [(w,) for w, _ in down])  # noqa: S608


def counted_documents(article_ids: Iterable[int]) -> dict[int, str]:
    """The stored documents of these articles that are counted in the
    vocabulary now (locked until the transaction ends on PostgreSQL, so two
    workers re-indexing one article cannot both take its words out)."""
    rows = ArticleSearchDocument.objects.filter(article_id__in=list(article_ids), in_vocabulary=True)
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        rows = rows.select_for_update()
    return dict(rows.values_list("article_id", "document"))


def published_ids(article_ids: Iterable[int]) -> set[int]:
    return set(Article.objects.published().filter(pk__in=list(article_ids)).values_list("pk", flat=True))


def vocabulary_rebuild() -> int:
    """Count the vocabulary again from the stored documents of the articles
    published now (after a migration, or to repair). Returns the number of
    distinct words."""
    counts: Counter[str] = Counter()
    visible = Article.objects.published().values("pk")
    with transaction.atomic():
        # Only flags that are wrong are written: every write rewrites a
        # whole document row (text and vector), so setting all 100,000
        # flags took longer than the count itself.
        documents = ArticleSearchDocument.objects
        documents.filter(in_vocabulary=True).exclude(article__in=visible).update(in_vocabulary=False)
        documents.filter(in_vocabulary=False, article__in=visible).update(in_vocabulary=True)
        SearchTerm.objects.all().delete()
        ids = list(documents.filter(article__in=visible).values_list("article_id", flat=True))
        for start in range(0, len(ids), REBUILD_CHUNK):
            chunk = ids[start : start + REBUILD_CHUNK]
            for document in documents.filter(article_id__in=chunk).values_list("document", flat=True):
                counts.update(document_words(document))
        SearchTerm.objects.bulk_create(
            (SearchTerm(term=w, length=len(w), frequency=n) for w, n in counts.items()), batch_size=5000
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(SearchTerm._meta.db_table)}")
    return len(counts)
