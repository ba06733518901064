"""Pending changes: a live article's content as saved but not yet published.

A save to a live article never edits it in place (``editing.article_save``):
its content waits here, as JSON, until an editor publishes it
(``workflow.article_publish``) or discards it. Which fields a change may
carry, and how each is stored and laid back onto the row, follow the one
list of content fields in ``articles/content.py``.
"""

from __future__ import annotations

from typing import Any

from articles.content import BY_NAME, RELATIONS, ROW_FIELDS, Kind, of_kind
from articles.models import Article, ArticleAuthor, ArticleRedirect

from .models import PendingChange

# Set on the row (CONTENT_FIELDS) or after it is saved (RELATION_FIELDS).
CONTENT_FIELDS = tuple(f.name for f in ROW_FIELDS)
RELATION_FIELDS = tuple(f.name for f in RELATIONS)


def pending_change(article: Article) -> PendingChange | None:
    if article.pk is None:
        return None
    return PendingChange.objects.filter(article=article, kind=PendingChange.Kind.PENDING).first()


def merge_pending(row: Article, *, created_by, content: dict[str, Any]) -> None:
    """Add ``content`` to the article's pending change (made if need be)."""
    pending = pending_change(row) or PendingChange(
        article=row, kind=PendingChange.Kind.PENDING, base_version=row.version, data={}
    )
    pending.data = {**pending.data, **jsonable(content)}
    pending.created_by = created_by or pending.created_by
    pending.save()


def apply_pending(row: Article, pending: PendingChange | None) -> list[str]:
    """Lay a pending change onto the row (saved by the caller's commit)."""
    if pending is None:
        return []
    data = dict(pending.data)
    old_path = row.get_absolute_url() if row.published_at else None
    relations = {k: data.pop(k) for k in list(data) if k in RELATION_FIELDS}
    for image in of_kind(Kind.IMAGE):
        if image.name in data:
            setattr(row, f"{image.name}_id", data.pop(image.name) or None)
    set_fields(row, {k: v for k, v in data.items() if k in CONTENT_FIELDS})
    if old_path and "slug" in data and data["slug"] and row.get_absolute_url() != old_path:
        ArticleRedirect.objects.update_or_create(old_path=old_path, defaults={"article": row})
    for name, value in relations.items():
        set_relation(row, name, value)
    pending.delete()
    return sorted(pending.data)


def set_fields(row: Article, data: dict[str, Any]) -> dict[str, Any]:
    """Set plain fields on ``row``; return the relations to set after save."""
    relations = {}
    for name, value in data.items():
        spec = BY_NAME.get(name)
        if spec is not None and spec.is_relation:
            relations[name] = value
        elif spec is not None and spec.kind is Kind.IMAGE:
            setattr(row, f"{name}_id", getattr(value, "pk", value) or None)
        else:
            setattr(row, name, value)
    return relations


def set_relation(row: Article, name: str, value) -> None:
    spec = BY_NAME[name]
    if spec.kind is Kind.TAGS:
        names = [getattr(v, "name", v) for v in value or []]
        getattr(row, name).set(names, clear=False)
        return
    ids = [getattr(v, "pk", v) for v in value or []]
    if spec.kind is Kind.BYLINE:
        ids = list(dict.fromkeys(ids))  # an author is on a byline once
        known = set(spec.model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        ArticleAuthor.objects.filter(article=row).delete()
        ArticleAuthor.objects.bulk_create(
            [ArticleAuthor(article=row, author_id=pk, order=i) for i, pk in enumerate(p for p in ids if p in known)]
        )
        return
    getattr(row, name).set(spec.model.objects.filter(pk__in=ids))


def jsonable(data: dict[str, Any]) -> dict[str, Any]:
    """Field values as JSON: tag names, entity and library image ids."""
    out: dict[str, Any] = {}
    for name, value in data.items():
        kind = BY_NAME[name].kind if name in BY_NAME else None
        if kind is Kind.TAGS:
            out[name] = sorted(getattr(v, "name", v) for v in value or [])
        elif kind is Kind.BYLINE:
            out[name] = [getattr(v, "pk", v) for v in value or []]  # the order is the byline's
        elif kind is Kind.RELATION:
            out[name] = sorted(getattr(v, "pk", v) for v in value or [])
        elif kind is Kind.IMAGE:
            out[name] = getattr(value, "pk", value) or None
        else:
            out[name] = value
    return out
