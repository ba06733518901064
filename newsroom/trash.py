"""The trash: a deleted article is hidden everywhere, can be restored by an
editor for ``TRASH_DAYS`` days, and is then purged for good
(``manage.py purge_trash`` or ``tasks.purge_trash_task``)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from articles.models import Article

from .permissions import can_delete, is_editor
from .previews import end_preview_links
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

TRASH_DAYS = 30


def article_trash(*, article: Article, user: User) -> Article:
    with transaction.atomic():
        row = lock_row(article)
        if not can_delete(user, row):
            raise WorkflowPermissionDenied("You cannot delete this article.")
        if row.deleted_at is not None:
            raise WorkflowError("The article is already in the trash.")
        was_public = row.is_public
        row.deleted_at, row.deleted_by = timezone.now(), real_user(user)
        commit(row, user, A.TRASHED, row.status, changed_fields=["deleted_at"])
        # Shared previews end with it, for good: a restore does not revive them.
        end_preview_links(article=row, user=real_user(user))
        notify_if(was_public, row, "trashed")
    return synced(article, row)


def article_restore(*, article: Article, user: User) -> Article:
    """Bring an article back from the trash. One that was live comes back
    archived, so it never reappears on the site without an editor's say."""
    if not is_editor(user):
        raise WorkflowPermissionDenied("Only editors restore articles from the trash.")
    with transaction.atomic():
        row = lock_row(article)
        if row.deleted_at is None:
            raise WorkflowError("The article is not in the trash.")
        from_state = row.status
        row.deleted_at, row.deleted_by = None, None
        if row.status in (S.PUBLISHED, S.SCHEDULED):
            row.status = S.ARCHIVED
        commit(row, user, A.RESTORED, from_state, changed_fields=["deleted_at"])
    return synced(article, row)


def purge_trash(*, now: datetime.datetime | None = None, days: int = TRASH_DAYS, dry_run: bool = False) -> list[str]:
    """Delete for good what has been in the trash longer than ``days``."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    doomed = Article.objects.filter(deleted_at__lt=cutoff)
    titles = list(doomed.values_list("title", flat=True))
    if not dry_run:
        doomed.delete()
    return titles
