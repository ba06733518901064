"""JSON Lines: one article per line, in and out.

The format is documented in docs/import-export.md. The reader works on bytes
so one badly encoded line is reported (with its number) and skipped instead of
stopping the whole file; the writer streams from the database in chunks.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import Prefetch, QuerySet

from articles.content import CONTENT_FIELDS, ContentField, Kind
from articles.models import Article, ArticleAuthor

from .records import Failed, Item, NotThisFormat, RecordError, record_from_mapping

EXPORTED_FIELDS = tuple(spec for spec in CONTENT_FIELDS if spec.export_key)


class JsonlSource:
    """Reads a JSONL file lazily; ``bytes_read`` / ``total_bytes`` drive the
    progress bar."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = os.fspath(path)
        self.total_bytes = os.path.getsize(self.path)
        self.bytes_read = 0

    def check_format(self) -> None:
        """Raise NotThisFormat unless the first non-blank line is a JSON
        object. An empty file is a valid, empty JSONL file."""
        with open(self.path, "rb") as fh:
            for raw in fh:
                line = raw.strip()
                if not line:
                    continue
                if line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                if line.startswith(b"<"):
                    raise NotThisFormat(
                        f"{self.path} looks like XML, not JSON Lines (for a WordPress export use import_wordpress)"
                    )
                try:
                    # A wrongly encoded byte is reported per line later, not here.
                    first = json.loads(line.decode("utf-8", errors="replace"))
                except ValueError:
                    first = None
                if not isinstance(first, dict):
                    raise NotThisFormat(
                        f"{self.path} is not a JSON Lines file: its first line is not a JSON object"
                    )
                return

    def __iter__(self) -> Iterator[Item]:
        with open(self.path, "rb") as fh:
            for number, raw in enumerate(fh, start=1):
                self.bytes_read += len(raw)
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield Failed(
                        number,
                        f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                        "re-save the file as UTF-8",
                    )
                    continue
                try:
                    data = json.loads(text)
                except json.JSONDecodeError as exc:
                    yield Failed(number, f"malformed JSON: {exc.msg} at column {exc.colno}")
                    continue
                try:
                    yield record_from_mapping(data, number)
                except RecordError as exc:
                    yield Failed(number, str(exc))


# --- export --------------------------------------------------------------------


def _iso(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value else None


def _export_value(article: Article, spec: ContentField) -> Any:
    """One content field as the export writes it (relations from prefetches)."""
    if spec.kind in (Kind.TEXT, Kind.SLUG, Kind.RICH):
        return getattr(article, spec.name)
    if spec.kind is Kind.LINES:
        return list(getattr(article, spec.name) or [])
    if spec.kind is Kind.TAGS:
        return sorted((t.tag.name for t in article.tagged_items.all()), key=str.lower)
    if spec.kind is Kind.RELATION:
        return sorted((e.name for e in getattr(article, spec.name).all()), key=str.lower)
    if spec.kind is Kind.BYLINE:
        return [b.author.display_name for b in article.bylines.all()]
    raise ValueError(f"The export does not know how to write a {spec.kind} field ({spec.name})")


def article_to_dict(article: Article) -> dict[str, Any]:
    """The JSONL object for one article: its exported content fields (from
    the one list in ``articles/content.py``), then its state and provenance."""
    return {
        **{spec.export_key: _export_value(article, spec) for spec in EXPORTED_FIELDS},
        "status": article.status,
        "published_at": _iso(article.published_at),
        "expires_at": _iso(article.expires_at),
        "source_id": article.source_id or None,
        "source_url": article.source_url,
        "redirects": sorted(r.old_path for r in article.redirects.all()),
    }


def export_queryset(*, published_only: bool = False) -> QuerySet[Article]:
    qs = Article.objects.published() if published_only else Article.objects.all()
    return qs.order_by("id").prefetch_related(
        Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author").order_by("order", "id")),
        "tagged_items__tag",
        *(spec.name for spec in EXPORTED_FIELDS if spec.kind is Kind.RELATION),
        "redirects",
    )


def write_jsonl(out: IO[str], *, published_only: bool = False, chunk_size: int = 500) -> int:
    """Write every article (or only published ones) as JSONL to ``out``;
    returns how many. Streams in chunks so memory stays flat."""
    count = 0
    for article in export_queryset(published_only=published_only).iterator(chunk_size=chunk_size):
        out.write(json.dumps(article_to_dict(article), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count
