"""What the clock does to an article, on the record: a scheduled story goes
live at its publish time and a live one leaves the site at its expiry with
no one pressing a button (visibility is read from the clock, see
``Article.objects.published()``), so no workflow step writes an audit entry
for them. The "public content changed" task, which runs at each of those
moments (``articles.events``), sends ``content_changed``; this receiver
writes the entries then.

The entries are dated at the moment itself, not when the task ran, and a
unique constraint on (article, action, moment) makes a second run of the
task (a retry, or a later change to the same article) write nothing new.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from articles.models import Article

from .models import AuditEntry

S = Article.Status
A = AuditEntry.Action


def record_clock_moments(*, article_ids: Iterable[int], now: datetime.datetime | None = None) -> int:
    """Audit entries for the go-live and expiry moments of these articles
    that have passed by ``now``; returns how many entries were written."""
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return 0
    now = now or timezone.now()
    entries = []
    rows = Article.objects.filter(pk__in=ids, deleted_at__isnull=True, status__in=(S.PUBLISHED, S.SCHEDULED))
    for pk, title, status, version, published_at, expires_at in rows.values_list(
            "pk", "title", "status", "version", "published_at", "expires_at"):
        expired = expires_at is not None and expires_at <= now
        if status == S.SCHEDULED and published_at is not None and published_at <= now and not (
                expired and expires_at <= published_at):
            entries.append(AuditEntry(
                article_id=pk, article_title=title, action=A.WENT_LIVE, from_state=S.SCHEDULED,
                to_state=S.PUBLISHED, version=version, created_at=published_at,
                comment=f"Public from {timezone.localtime(published_at):%Y-%m-%d %H:%M %Z}, as scheduled.",
            ))
        if expired:
            entries.append(AuditEntry(
                article_id=pk, article_title=title, action=A.EXPIRED, from_state=status, version=version,
                created_at=expires_at,
                comment=f"Off the site from {timezone.localtime(expires_at):%Y-%m-%d %H:%M %Z}, its expiry time.",
            ))
    before = AuditEntry.objects.filter(article_id__in=ids, action__in=(A.WENT_LIVE, A.EXPIRED)).count()
    AuditEntry.objects.bulk_create(entries, ignore_conflicts=True)
    return AuditEntry.objects.filter(article_id__in=ids, action__in=(A.WENT_LIVE, A.EXPIRED)).count() - before


def on_content_changed(sender, *, article_ids=(), **kwargs) -> None:
    """``content_changed`` receiver (connected in NewsroomConfig.ready)."""
    record_clock_moments(article_ids=article_ids)
