"""The search index: one ``ArticleSearchDocument`` per article, its text and
weighted tsvector (PostgreSQL), and the CJK tokens that let the GIN index
answer Chinese/Japanese/Korean queries. Written by the search task, never in
a request (docs/search.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Prefetch

from articles.models import Article
from core.cjk import CJK_CHARS
from core.sanitize import html_to_text
from entities.models import Enterprise, Official, Regulator

from .models import ArticleSearchDocument
from .vocabulary import counted_documents, published_ids, vocabulary_apply

SEARCH_CONFIG = "english"
INDEX_CHUNK = 500

# Private-use characters: ts_headline wraps matches in them; indexing strips
# them (and control characters, which PostgreSQL may refuse) from all text.
MARK_START, MARK_END = "\ue000", "\ue001"
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def _clean_text(text: str) -> str:
    return " ".join(UNSAFE_CHARS.sub(" ", text or "").split())


def build_document_fields(article: Article) -> dict[str, str]:
    """The searchable text of one article (with tags and mentioned entities
    prefetched): what ``ArticleSearchDocument`` stores."""
    highlights = [h for h in (article.highlights or []) if isinstance(h, str)]
    title = _clean_text(article.title)
    summary = _clean_text(" · ".join(p for p in [article.standfirst or "", *highlights] if p.strip()))
    names = [tag.name for tag in article.tags.all()]
    for entity in article.mentioned_entities():
        names.extend((entity.search_names or "").split("\n"))
    keywords = _clean_text(" · ".join(n for n in names if n.strip()))
    body = _clean_text(html_to_text(article.body))
    document = "\n".join((title, summary, keywords, body)).lower()
    return {"title": title, "summary": summary, "keywords": keywords, "body": body, "document": document}


_CJK_RUN = re.compile(f"[{CJK_CHARS}]+")


def _cjk_tokens(text: str, *, every_char: bool) -> list[str]:
    """Bigrams of each CJK run, and single characters: all of them
    (``every_char``) or only runs of one. One pass over the text."""
    tokens = set()
    for run in _CJK_RUN.findall(text or ""):
        if every_char or len(run) == 1:
            tokens.update(cjk_unigram_token(c) for c in run)
        tokens.update(f"cjk{ord(a):05x}{ord(b):05x}" for a, b in zip(run, run[1:], strict=False))
    return sorted(tokens)


def cjk_bigram_tokens(text: str) -> list[str]:
    """The character bigrams of the Chinese/Japanese/Korean runs in ``text``,
    as ASCII tokens (``cjk`` + both code points in hex) for the tsvector.

    A two-character Chinese query (稀土, "rare earth") is too short for the
    trigram index, so it would scan every document; indexing bigrams, as
    CJK search engines do, lets the GIN index answer it. ASCII tokens index
    the same under any database locale and text-search configuration."""
    return [t for t in _cjk_tokens(text, every_char=False) if t.startswith("cjk")]


def cjk_unigram_token(char: str) -> str:
    """One CJK character as an ASCII token (``cju`` + its code point in hex)."""
    return f"cju{ord(char):05x}"


def cjk_index_tokens(text: str) -> list[str]:
    """What a document's CJK text adds to its tsvector: its bigrams, and
    every character alone. The single characters are for one-character
    queries, common in this beat: the rare earths' Chinese names are one
    character each (钕 neodymium, 镝 dysprosium, 铽 terbium); without them
    such a query read every document (1.0 s on 100,000 articles, against
    3.5 ms with them)."""
    return _cjk_tokens(text, every_char=True)


def cjk_query_tokens(term: str) -> list[str]:
    """The index tokens every match of ``term`` must hold: the bigrams of
    its CJK runs, and a lone CJK character (a run of one) as itself."""
    return _cjk_tokens(term, every_char=False)


def search_index_update(*, article_ids: Iterable[int]) -> int:
    """Rebuild the search documents of these articles (any state; missing ids
    are skipped). Returns how many documents were written."""
    ids = sorted({int(i) for i in article_ids})
    written = 0
    names_only = ("id", "search_names")
    for start in range(0, len(ids), INDEX_CHUNK):
        chunk = ids[start : start + INDEX_CHUNK]
        articles = (
            Article.objects.filter(pk__in=chunk)
            .only("id", "title", "standfirst", "highlights", "body")
            .prefetch_related(
                "tags",
                Prefetch("officials", queryset=Official.objects.only(*names_only)),
                Prefetch("enterprises", queryset=Enterprise.objects.only(*names_only)),
                Prefetch("regulators", queryset=Regulator.objects.only(*names_only)),
            )
        )
        rows = [(a.pk, build_document_fields(a)) for a in articles]
        if not rows:
            continue
        with transaction.atomic():
            # The vocabulary (search/vocabulary.py) follows each document:
            # its previous words out if they were counted, its new words in
            # if the article is published now.
            previous = counted_documents(pk for pk, _ in rows)
            visible = published_ids(pk for pk, _ in rows)
            for pk, fields in rows:
                fields["in_vocabulary"] = pk in visible
            if connection.vendor == "postgresql":
                _upsert_with_vectors(rows)
            else:
                ArticleSearchDocument.objects.bulk_create(
                    [ArticleSearchDocument(article_id=pk, **fields) for pk, fields in rows],
                    update_conflicts=True,
                    unique_fields=["article"],
                    update_fields=[*DOCUMENT_FIELDS, "in_vocabulary", "updated_at"],
                )
            vocabulary_apply(
                removed=previous.values(),
                added=[fields["document"] for pk, fields in rows if pk in visible],
            )
        written += len(rows)
    return written


DOCUMENT_FIELDS = ("title", "summary", "keywords", "body", "document")


def _upsert_with_vectors(rows: list[tuple[int, dict[str, str]]]) -> None:
    """Insert or update documents with their weighted tsvector computed in
    the same statement, so each row (and its GIN entries) is written once."""
    table = connection.ops.quote_name(ArticleSearchDocument._meta.db_table)
    columns = ", ".join(DOCUMENT_FIELDS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in (*DOCUMENT_FIELDS, "vector", "in_vocabulary", "updated_at"))
    sql = f"""
        INSERT INTO {table} (article_id, {columns}, vector, in_vocabulary, updated_at)
        SELECT d.article_id, {", ".join(f"d.{c}" for c in DOCUMENT_FIELDS)},
               setweight(to_tsvector(%(config)s::regconfig, d.title), 'A')
               || setweight(to_tsvector(%(config)s::regconfig, d.summary || ' ' || d.keywords), 'B')
               || setweight(to_tsvector(%(config)s::regconfig, d.body), 'C')
               || setweight(to_tsvector('simple', d.cjk), 'D'),
               d.in_vocabulary, now()
        FROM unnest(%(ids)s::bigint[], {", ".join(f"%({c})s::text[]" for c in DOCUMENT_FIELDS)}, %(cjk)s::text[],
                    %(in_vocabulary)s::boolean[])
             AS d(article_id, {columns}, cjk, in_vocabulary)
        ON CONFLICT (article_id) DO UPDATE SET {updates}
    """  # noqa: S608 - identifiers are ours; every value is a parameter
    params = {"config": SEARCH_CONFIG, "ids": [pk for pk, _ in rows]}
    params.update({c: [fields[c] for _, fields in rows] for c in DOCUMENT_FIELDS})
    params["in_vocabulary"] = [fields["in_vocabulary"] for _, fields in rows]
    params["cjk"] = [" ".join(cjk_index_tokens(fields["document"])) for _, fields in rows]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
