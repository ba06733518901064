"""Saving an article's content: creating it, editing it, and refusing a
save based on an old version (optimistic locking) without losing its text.

A live article is never edited in place: its content goes to a pending
change (``pending.py``) that readers do not see until an editor publishes it;
publication settings always apply to the row (editors only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article

from .models import AuditEntry, Autosave, PendingChange
from .pending import CONTENT_FIELDS, RELATION_FIELDS, jsonable, merge_pending, set_fields
from .permissions import can_edit, is_editor
from .workflow import (
    A,
    S,
    User,
    WorkflowError,
    WorkflowPermissionDenied,
    commit,
    lock_row,
    notify_if,
    real_user,
    synced,
)

PUBLICATION_FIELDS = ("published_at", "expires_at", "source_url")
# What a save may carry.
EDITABLE_FIELDS = (*CONTENT_FIELDS, *RELATION_FIELDS, *PUBLICATION_FIELDS)


@dataclass(eq=False)  # exceptions stay hashable
class EditConflict(WorkflowError):
    """A save based on an old version. ``changes`` lists who changed what
    since; ``kept`` is the refused text, saved as a rejected draft."""

    current_version: int
    changes: list[AuditEntry] = field(default_factory=list)
    kept: PendingChange | None = None

    @property
    def changed_fields(self) -> list[str]:
        seen: dict[str, None] = {}
        for entry in self.changes:
            for name in entry.changed_fields or [entry.action]:
                seen.setdefault(name, None)
        return list(seen)

    def __str__(self) -> str:
        who = "; ".join(
            f"{e.user or 'the system'} ({e.get_action_display().lower()}, {timezone.localtime(e.created_at):%H:%M}"
            f"{': ' + ', '.join(e.changed_fields) if e.changed_fields else ''})"
            for e in self.changes
        )
        return (
            "Someone else saved this article after you opened it, so your save was refused rather than "
            f"overwrite their work. Changed since: {who or 'unknown'}. Your changes are still in the form "
            "below (and kept as a rejected draft); fields you did not touch now show their version. Check, "
            "then save again to apply your changes on top of theirs."
        )


def article_save(
    *, article: Article | None, user: User, data: dict[str, Any], expected_version: int | None,
    comment: str = "",
) -> Article:
    """Create (``article=None``) or change an article's content.

    ``data`` holds only the fields that changed: model field values, tag
    names for ``tags`` and ids for the entity relations. A save based on an
    old ``expected_version`` raises ``EditConflict`` (its text is kept). On a
    live article the content goes to its pending change, readers keep the
    live version."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable through article_save: {sorted(unknown)}")
    if not is_editor(user) and set(data) & set(PUBLICATION_FIELDS) - {"source_url"}:
        raise WorkflowPermissionDenied("Only editors set publication and expiry times.")
    if article is None or article.pk is None:
        return _create(user, data, article)

    conflict = None
    with transaction.atomic():
        row = lock_row(article)
        if not can_edit(user, row):
            raise WorkflowPermissionDenied("You cannot edit this article.")
        if expected_version is not None and expected_version != row.version:
            conflict = EditConflict(row.version, changes_since(row, expected_version))
        elif not data:
            pass  # nothing of the article itself changed (e.g. only its byline)
        else:
            live = row.is_public
            content = {k: v for k, v in data.items() if k not in PUBLICATION_FIELDS}
            direct = {k: v for k, v in data.items() if k in PUBLICATION_FIELDS}
            if live and content:
                merge_pending(row, created_by=real_user(user), content=content)
            else:
                direct.update(content)
            relations = set_fields(row, direct)
            commit(row, user, A.SAVED, row.status, comment=comment, changed_fields=list(data), relations=relations)
            if direct:  # e.g. a new expiry or publish time can take it on or off the site
                notify_if(live, row, "live article edited")
    if conflict:
        conflict.kept = keep_rejected_text(article=row, user=user, data=data, base_version=expected_version)
        raise conflict
    # What this user's edit page autosaved is in this save now.
    Autosave.objects.filter(article_id=row.pk, user_id=getattr(user, "pk", None)).delete()
    return synced(article, row)


def changes_since(article: Article, version: int) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(article=article, version__gt=version)
        .select_related("user").order_by("created_at", "id")
    )


def find_edit_conflict(*, article: Article, expected_version: int | None) -> EditConflict | None:
    """For forms: is a save based on ``expected_version`` stale? Inside a
    transaction the row stays locked until it ends, so the check and the
    save that follows cannot interleave with another save."""
    if expected_version is None or article.pk is None:
        return None
    qs = Article.objects.filter(pk=article.pk)
    if connection.in_atomic_block:
        qs = qs.select_for_update()
    current = qs.values_list("version", flat=True).first()
    if current is None or current == expected_version:
        return None
    return EditConflict(current, changes_since(article, expected_version))


def keep_rejected_text(*, article: Article, user: User, data: dict[str, Any], base_version: int) -> PendingChange:
    """Keep the text of a refused save so nothing typed is lost."""
    kept = PendingChange.objects.create(
        article=article, kind=PendingChange.Kind.REJECTED, data=jsonable(data),
        base_version=base_version, created_by=real_user(user),
    )
    AuditEntry.objects.create(
        article=article, article_title=article.title, user=real_user(user), action=A.EDIT_CONFLICT,
        from_state=article.status, to_state=article.status, changed_fields=sorted(data),
        comment=f"Save from version {base_version} refused; text kept as rejected draft #{kept.pk}.",
    )
    return kept


def _create(user: User, data: dict[str, Any], article: Article | None) -> Article:
    if not (user.is_authenticated and user.has_perm("articles.add_article")):
        raise WorkflowPermissionDenied("You cannot create articles.")
    with transaction.atomic():
        row = Article(created_by=real_user(user), status=S.DRAFT)
        relations = set_fields(row, data)
        row.version = 0
        commit(row, user, A.CREATED, "", changed_fields=list(data), relations=relations)
    return synced(article, row)
