"""The editorial state machine: the transitions between states, and the
steps every service that changes an article takes.

    draft ──submit──▶ review ──publish──▶ published ──archive──▶ archived
      ▲                 │  └──schedule──▶ scheduled ──(its time)──▶ public
      └────send_back────┴───────────────────┴──────────────────────┘

Writers create and edit their own drafts and submit them. Everything else
(send back, publish, schedule, unpublish/archive, editing anything that is
not a draft) is for editors. A live article is never edited in place: saves
go to a ``PendingChange`` that readers do not see until an editor publishes
it. Every service locks the row, checks who may act, checks the transition,
bumps ``version``, writes an ``AuditEntry`` and, on commit, tells
``events.public_content_changed`` when readers' view may have changed.

Saving content is in ``editing.py``, pending changes in ``pending.py``, the
trash in ``trash.py``; they all change an article through the steps here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles import events
from articles.models import Article

from . import checks
from .clock import record_clock_moments
from .models import AuditEntry, PendingChange
from .pending import apply_pending, pending_change, set_relation
from .permissions import can_view, is_editor, is_own
from .revisions import save_revision

User = AbstractBaseUser | AnonymousUser
S = Article.Status
A = AuditEntry.Action


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    editors_only: bool
    action: str
    label: str


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(frozenset({S.DRAFT}), S.REVIEW, False, A.SUBMITTED, "submit for review"),
    "send_back": Transition(frozenset({S.REVIEW, S.SCHEDULED, S.ARCHIVED}), S.DRAFT, True, A.SENT_BACK, "send back"),
    # published → published publishes the article's pending change.
    "publish": Transition(
        frozenset({S.DRAFT, S.REVIEW, S.SCHEDULED, S.ARCHIVED, S.PUBLISHED}), S.PUBLISHED, True, A.PUBLISHED, "publish"
    ),
    "schedule": Transition(frozenset({S.DRAFT, S.REVIEW, S.SCHEDULED, S.ARCHIVED}), S.SCHEDULED, True, A.SCHEDULED,
                           "schedule"),
    "archive": Transition(frozenset({S.PUBLISHED, S.SCHEDULED}), S.ARCHIVED, True, A.ARCHIVED, "unpublish"),
}


class WorkflowError(Exception):
    """A refused step, with a message for the person who tried it."""


class WorkflowPermissionDenied(PermissionDenied):
    """This user may not do this to this article (a 403 in the admin)."""


class TransitionNotAllowed(WorkflowError):
    pass


class PublishChecksFailed(WorkflowError):
    def __init__(self, message: str, issues: list[checks.Issue]) -> None:
        super().__init__(message)
        self.issues = issues




# ---------------------------------------------------------------- the rules


def allowed_transitions(user: User, article: Article) -> list[str]:
    """Names of the transitions this user may try now (for buttons)."""
    out = []
    for name in TRANSITIONS:
        try:
            _guard(user, article, name)
        except (WorkflowError, PermissionDenied):
            continue
        if name == "publish" and article.status == S.PUBLISHED and not pending_change(article):
            continue
        out.append(name)
    return out


def _guard(user: User, article: Article, name: str) -> Transition:
    t = TRANSITIONS[name]
    if not can_view(user, article):
        raise WorkflowPermissionDenied("You cannot see this article.")
    if t.editors_only and not is_editor(user):
        raise WorkflowPermissionDenied(f"Only editors can {t.label}.")
    if not t.editors_only and not (
        is_editor(user) or (is_own(user, article) and user.has_perm("articles.change_article"))
    ):
        raise WorkflowPermissionDenied(f"You cannot {t.label} this article.")
    if article.deleted_at is not None:
        raise TransitionNotAllowed("The article is in the trash; restore it first.")
    if article.status not in t.sources:
        raise TransitionNotAllowed(f"Cannot {t.label} an article that is {article.get_status_display().lower()}.")
    return t


# ---------------------------------------------------------------- transitions


def article_submit(*, article: Article, user: User, comment: str = "") -> Article:
    with transaction.atomic():
        row = lock_row(article)
        t = _guard(user, row, "submit")
        _move(row, user, t, comment=comment)
    return synced(article, row)


def _plain_transition(*, article: Article, user: User, action: str, comment: str, reason: str) -> Article:
    """A move that changes nothing but the state (and the audit trail); readers'
    pages follow if the article was public before it."""
    with transaction.atomic():
        row = lock_row(article)
        t = _guard(user, row, action)
        was_public = row.is_public
        _move(row, user, t, comment=comment)
        notify_if(was_public, row, reason)
    return synced(article, row)


def article_send_back(*, article: Article, user: User, comment: str) -> Article:
    if not comment.strip():
        raise WorkflowError("Say what needs to change when sending an article back.")
    return _plain_transition(article=article, user=user, action="send_back", comment=comment, reason="sent back")


def article_publish(
    *, article: Article, user: User, override_reason: str = "", now: datetime.datetime | None = None
) -> Article:
    """Publish now, or publish a live article's pending change. Warnings
    need ``override_reason``; blocking issues refuse."""
    now = now or timezone.now()
    with transaction.atomic():
        row = lock_row(article)
        t = _guard(user, row, "publish")
        pending = pending_change(row)
        if row.status == S.PUBLISHED and pending is None:
            raise TransitionNotAllowed("The article is already published and has no unpublished changes.")
        _require_checks(row, pending, override_reason, at=now)
        from_state = row.status
        changed = apply_pending(row, pending)
        if from_state == S.PUBLISHED:
            row.content_updated_at = now
        if row.published_at is None or row.published_at > now:
            row.published_at = now
        row.status = t.target
        action = A.CHANGES_PUBLISHED if from_state == S.PUBLISHED else A.PUBLISHED
        commit(row, user, action, from_state, changed_fields=[*changed, "status", "published_at"],
                override_reason=override_reason)
        notify(row, "published")
    return synced(article, row)


def article_schedule(
    *, article: Article, user: User, when: datetime.datetime, override_reason: str = "",
    now: datetime.datetime | None = None,
) -> Article:
    """Approve for publication at ``when`` (a future time). The article is
    public from then on without any job running (see ``published()``)."""
    now = now or timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    if when <= now:
        raise WorkflowError("Choose a time in the future, or publish now.")
    with transaction.atomic():
        row = lock_row(article)
        t = _guard(user, row, "schedule")
        if row.is_public:
            raise TransitionNotAllowed("The article is already public; unpublish it before scheduling it again.")
        pending = pending_change(row)
        _require_checks(row, pending, override_reason, at=when)
        from_state = row.status
        changed = apply_pending(row, pending)
        row.status, row.published_at = t.target, when
        commit(row, user, t.action, from_state, changed_fields=[*changed, "published_at"],
                comment=f"for {timezone.localtime(when):%Y-%m-%d %H:%M %Z}", override_reason=override_reason)
        # Public at ``when`` by read-time visibility; this queues the lists,
        # search and cached pages to follow at that moment (run_after).
        notify(row, "scheduled")
    return synced(article, row)


def article_archive(*, article: Article, user: User, comment: str = "") -> Article:
    """Take a published or scheduled article off the site."""
    return _plain_transition(article=article, user=user, action="archive", comment=comment, reason="unpublished")


def article_unpublish(*, article: Article, user: User, comment: str = "") -> Article:
    """Unpublishing is archiving: the article leaves the site, keeps its URL
    reserved and can be republished."""
    return article_archive(article=article, user=user, comment=comment)


def article_discard_changes(*, article: Article, user: User) -> Article:
    if not is_editor(user):
        raise WorkflowPermissionDenied("Only editors can discard unpublished changes.")
    with transaction.atomic():
        row = lock_row(article)
        deleted, _ = PendingChange.objects.filter(article=row, kind=PendingChange.Kind.PENDING).delete()
        if not deleted:
            raise WorkflowError("There are no unpublished changes to discard.")
        commit(row, user, A.CHANGES_DISCARDED, row.status)
    return synced(article, row)


def publish_due_scheduled(*, now: datetime.datetime | None = None, dry_run: bool = False) -> list[Article]:
    """Store "published" on scheduled articles whose time has come. Readers
    already see them (visibility is decided at read time); this is for
    deployments that want the state stored. The go-live is on the record
    once, as the clock's "went live" entry (``clock.record_clock_moments``),
    whether this or the task at the moment ran first."""
    now = now or timezone.now()
    due = list(Article.objects.filter(status=S.SCHEDULED, published_at__lte=now, deleted_at__isnull=True))
    if dry_run:
        return due
    done = []
    for article in due:
        with transaction.atomic():
            row = Article.objects.select_for_update().filter(pk=article.pk, status=S.SCHEDULED).first()
            if row is None:
                continue
            record_clock_moments(article_ids=[row.pk], now=now)
            row.status = S.PUBLISHED
            row.version += 1
            row.save()
            save_revision(article=row, user=None, comment="State stored as published: its scheduled time came.")
            notify(row, "scheduled time reached")
        done.append(row)
    return done


def record_import(*, created_ids: list[int], updated_ids: list[int], source: str) -> int:
    """Audit entries for a batch of imported articles: the history of an
    article brought in from another system starts with where it came from,
    and a re-import that changed it is on the record too. Importers write
    rows in bulk, outside the per-article transitions, so this is the one
    place that records them; returns the number of entries written."""
    ids = [*created_ids, *updated_ids]
    if not ids:
        return 0
    created = set(created_ids)
    entries = [
        AuditEntry(
            article_id=pk, article_title=title, action=AuditEntry.Action.IMPORTED, to_state=status, version=version,
            comment=f"{'Created' if pk in created else 'Updated'} by import from {source}"[:1000],
        )
        for pk, title, status, version in Article.objects.filter(pk__in=ids).values_list("pk", "title", "status", "version")
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


# ---------------------------------------------------------------- steps every service takes


def lock_row(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def synced(article: Article | None, row: Article) -> Article:
    """Bring the caller's instance up to date with what was stored."""
    if article is None or article is row:
        return row
    if article.pk is None:
        article.pk = row.pk
    article.refresh_from_db()
    return article


def real_user(user: User):
    return user if user is not None and user.is_authenticated else None


def _move(row: Article, user: User, t: Transition, *, comment: str = "") -> None:
    from_state, row.status = row.status, t.target
    commit(row, user, t.action, from_state, comment=comment, changed_fields=["status"])


def commit(
    row: Article, user: User | None, action: str, from_state: str, *, comment: str = "",
    override_reason: str = "", changed_fields: list[str] = (), relations: dict | None = None,
) -> None:
    row.version += 1
    row.save()
    for name, value in (relations or {}).items():
        set_relation(row, name, value)
    AuditEntry.objects.create(
        article=row, article_title=row.title, user=real_user(user), action=action, from_state=from_state,
        to_state=row.status, comment=comment, override_reason=override_reason,
        changed_fields=list(changed_fields), version=row.version,
    )
    # Every transition and save also leaves a revision, so the revision list
    # shows the article as it was at each step (and revert can go back to it).
    save_revision(article=row, user=real_user(user), comment=" – ".join(p for p in (action, comment) if p))


def _require_checks(row: Article, pending: PendingChange | None, override_reason: str, *, at) -> None:
    issues = checks.run_checks(row, data=pending.data if pending else None, publish_at=at)
    if checks.blocking(issues):
        raise PublishChecksFailed(
            "Cannot publish: " + " ".join(i.message for i in checks.blocking(issues)), issues
        )
    if checks.warnings(issues) and not override_reason.strip():
        raise PublishChecksFailed(
            "Publishing with warnings needs a reason: " + " ".join(i.message for i in checks.warnings(issues)),
            issues,
        )


def notify(row: Article, reason: str) -> None:
    article_id = row.pk
    transaction.on_commit(lambda: events.public_content_changed(article_ids=[article_id], reason=reason))


def notify_if(was_public: bool, row: Article, reason: str) -> None:
    # A scheduled article moved to another future time becomes public then:
    # notified too, so the refresh is queued for its new moment.
    will_be_public = row.status in (S.PUBLISHED, S.SCHEDULED) and row.deleted_at is None and bool(
        row.published_at and row.published_at > timezone.now())
    if was_public or row.is_public or will_be_public:
        notify(row, reason)
