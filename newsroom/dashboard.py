"""The desk on the admin's home page: what a writer has on the go (drafts,
stories sent back with the editor's reason, stories in review, scheduled
and recently published), and for an editor the review queue and the rest
of the newsroom's work. Each list is one query, whatever its length."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from articles.models import Article, ArticleAuthor
from articles.querysets import published_q

from .models import AuditEntry, PendingChange
from .permissions import User, is_editor

LIMIT = 10
S = Article.Status
A = AuditEntry.Action


def _own(user: User) -> Q:
    return Q(created_by_id=user.pk) | Q(pk__in=ArticleAuthor.objects.filter(author__user_id=user.pk).values("article_id"))


def _with_last_turn(drafts: QuerySet[Article]) -> QuerySet[Article]:
    """Each draft with its last hand-over (submitted or sent back): a draft
    whose last one is a send-back waits for its writer, with that reason."""
    turns = AuditEntry.objects.filter(article=OuterRef("pk"), action__in=[A.SENT_BACK, A.SUBMITTED]).order_by(
        "-created_at", "-id")
    return drafts.annotate(
        last_turn=Subquery(turns.values("action")[:1]),
        sent_back_reason=Subquery(turns.values("comment")[:1]),
        sent_back_at=Subquery(turns.values("created_at")[:1]),
        sent_back_by=Subquery(turns.values("user__username")[:1]),
    )


def desk(user: User, *, now: datetime.datetime | None = None) -> dict:
    """The lists the dashboard shows ``user`` (a writer sees only their own
    stories; an editor the newsroom's, and their own drafts)."""
    now = now or timezone.now()
    editor = is_editor(user)
    live = Article.objects.filter(deleted_at__isnull=True).only(
        "id", "title", "status", "published_at", "expires_at", "updated_at")
    mine = live.filter(_own(user))
    seen = live if editor else mine
    drafts = _with_last_turn(mine.filter(status=S.DRAFT))
    return {
        "is_editor": editor,
        "sent_back": list(drafts.filter(last_turn=A.SENT_BACK).order_by("-sent_back_at")[:LIMIT]),
        "my_drafts": list(drafts.filter(Q(last_turn__isnull=True) | ~Q(last_turn=A.SENT_BACK))
                          .order_by("-updated_at")[:LIMIT]),
        # Oldest first: the review queue is worked from the longest wait.
        "in_review": list(seen.filter(status=S.REVIEW).order_by("updated_at")[:LIMIT]),
        "scheduled": list(seen.filter(status=S.SCHEDULED, published_at__gt=now).order_by("published_at")[:LIMIT]),
        "recent": list(seen.filter(published_q(now=now)).order_by("-published_at")[:LIMIT]),
        "pending": list(seen.filter(pending_changes__kind=PendingChange.Kind.PENDING).order_by("-updated_at")[:LIMIT])
        if editor else [],
        "time_zone": timezone.get_current_timezone_name(),
    }
