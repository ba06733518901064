"""The editorial state machine and the only code that changes an article.

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
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone

from articles import events
from articles.models import Article, ArticleAuthor, ArticleRedirect
from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Regulator

from . import checks
from .models import AuditEntry, PendingChange
from .permissions import can_delete, can_edit, can_view, is_editor, is_own
from .revisions import save_revision

User = AbstractBaseUser | AnonymousUser
S = Article.Status
A = AuditEntry.Action

TRASH_DAYS = 30

# What a save may carry. Content goes to a pending change while the article
# is live; publication settings always apply to the row (editors only).
CONTENT_FIELDS = (
    "title", "slug", "standfirst", "highlights", "body", "featured_image",
    "featured_image_alt", "featured_image_caption", "featured_image_credit",
)
RELATION_FIELDS = {"tags": None, "officials": Official, "enterprises": Enterprise, "regulators": Regulator,
                   # The byline: author profile ids in byline order.
                   "bylines": AuthorProfile}
PUBLICATION_FIELDS = ("published_at", "expires_at", "source_url")
EDITABLE_FIELDS = (*CONTENT_FIELDS, *RELATION_FIELDS, *PUBLICATION_FIELDS)


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
        row = _lock(article)
        t = _guard(user, row, "submit")
        _move(row, user, t, comment=comment)
    return _synced(article, row)


def article_send_back(*, article: Article, user: User, comment: str) -> Article:
    if not comment.strip():
        raise WorkflowError("Say what needs to change when sending an article back.")
    with transaction.atomic():
        row = _lock(article)
        t = _guard(user, row, "send_back")
        was_public = row.is_public
        _move(row, user, t, comment=comment)
        _notify_if(was_public, row, "sent back")
    return _synced(article, row)


def article_publish(
    *, article: Article, user: User, override_reason: str = "", now: datetime.datetime | None = None
) -> Article:
    """Publish now, or publish a live article's pending change. Warnings
    need ``override_reason``; blocking issues refuse."""
    now = now or timezone.now()
    with transaction.atomic():
        row = _lock(article)
        t = _guard(user, row, "publish")
        pending = pending_change(row)
        if row.status == S.PUBLISHED and pending is None:
            raise TransitionNotAllowed("The article is already published and has no unpublished changes.")
        _require_checks(row, pending, override_reason, at=now)
        from_state = row.status
        changed = _apply_pending(row, pending)
        if from_state == S.PUBLISHED:
            row.content_updated_at = now
        if row.published_at is None or row.published_at > now:
            row.published_at = now
        row.status = t.target
        action = A.CHANGES_PUBLISHED if from_state == S.PUBLISHED else A.PUBLISHED
        _commit(row, user, action, from_state, changed_fields=[*changed, "status", "published_at"],
                override_reason=override_reason)
        _notify(row, "published")
    return _synced(article, row)


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
        row = _lock(article)
        t = _guard(user, row, "schedule")
        if row.is_public:
            raise TransitionNotAllowed("The article is already public; unpublish it before scheduling it again.")
        pending = pending_change(row)
        _require_checks(row, pending, override_reason, at=when)
        from_state = row.status
        changed = _apply_pending(row, pending)
        row.status, row.published_at = t.target, when
        _commit(row, user, t.action, from_state, changed_fields=[*changed, "published_at"],
                comment=f"for {timezone.localtime(when):%Y-%m-%d %H:%M %Z}", override_reason=override_reason)
        # Public at ``when`` by read-time visibility; this queues the lists,
        # search and cached pages to follow at that moment (run_after).
        _notify(row, "scheduled")
    return _synced(article, row)


def article_archive(*, article: Article, user: User, comment: str = "") -> Article:
    """Take a published or scheduled article off the site."""
    with transaction.atomic():
        row = _lock(article)
        t = _guard(user, row, "archive")
        was_public = row.is_public
        _move(row, user, t, comment=comment)
        _notify_if(was_public, row, "unpublished")
    return _synced(article, row)


def article_unpublish(*, article: Article, user: User, comment: str = "") -> Article:
    """Unpublishing is archiving: the article leaves the site, keeps its URL
    reserved and can be republished."""
    return article_archive(article=article, user=user, comment=comment)


def article_discard_changes(*, article: Article, user: User) -> Article:
    if not is_editor(user):
        raise WorkflowPermissionDenied("Only editors can discard unpublished changes.")
    with transaction.atomic():
        row = _lock(article)
        deleted, _ = PendingChange.objects.filter(article=row, kind=PendingChange.Kind.PENDING).delete()
        if not deleted:
            raise WorkflowError("There are no unpublished changes to discard.")
        _commit(row, user, A.CHANGES_DISCARDED, row.status)
    return _synced(article, row)


def publish_due_scheduled(*, now: datetime.datetime | None = None, dry_run: bool = False) -> list[Article]:
    """Store "published" on scheduled articles whose time has come. Readers
    already see them (visibility is decided at read time); this is for
    deployments that want the state stored and logged."""
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
            row.status = S.PUBLISHED
            _commit(row, None, A.AUTO_PUBLISHED, S.SCHEDULED, comment="Its scheduled time came.")
            _notify(row, "scheduled time reached")
        done.append(row)
    return done


# ---------------------------------------------------------------- saving content


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
        row = _lock(article)
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
                _merge_pending(row, user, content)
            else:
                direct.update(content)
            relations = _set_fields(row, direct)
            _commit(row, user, A.SAVED, row.status, comment=comment, changed_fields=list(data), relations=relations)
            if direct:  # e.g. a new expiry or publish time can take it on or off the site
                _notify_if(live, row, "live article edited")
    if conflict:
        conflict.kept = keep_rejected_text(article=row, user=user, data=data, base_version=expected_version)
        raise conflict
    return _synced(article, row)


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
        article=article, kind=PendingChange.Kind.REJECTED, data=_jsonable(data, store_files=False),
        base_version=base_version, created_by=_real(user),
    )
    AuditEntry.objects.create(
        article=article, article_title=article.title, user=_real(user), action=A.EDIT_CONFLICT,
        from_state=article.status, to_state=article.status, changed_fields=sorted(data),
        comment=f"Save from version {base_version} refused; text kept as rejected draft #{kept.pk}.",
    )
    return kept


def pending_change(article: Article) -> PendingChange | None:
    if article.pk is None:
        return None
    return PendingChange.objects.filter(article=article, kind=PendingChange.Kind.PENDING).first()


# ---------------------------------------------------------------- trash


def article_trash(*, article: Article, user: User) -> Article:
    with transaction.atomic():
        row = _lock(article)
        if not can_delete(user, row):
            raise WorkflowPermissionDenied("You cannot delete this article.")
        if row.deleted_at is not None:
            raise WorkflowError("The article is already in the trash.")
        was_public = row.is_public
        row.deleted_at, row.deleted_by = timezone.now(), _real(user)
        _commit(row, user, A.TRASHED, row.status, changed_fields=["deleted_at"])
        _notify_if(was_public, row, "trashed")
    return _synced(article, row)


def article_restore(*, article: Article, user: User) -> Article:
    """Bring an article back from the trash. One that was live comes back
    archived, so it never reappears on the site without an editor's say."""
    if not is_editor(user):
        raise WorkflowPermissionDenied("Only editors restore articles from the trash.")
    with transaction.atomic():
        row = _lock(article)
        if row.deleted_at is None:
            raise WorkflowError("The article is not in the trash.")
        from_state = row.status
        row.deleted_at, row.deleted_by = None, None
        if row.status in (S.PUBLISHED, S.SCHEDULED):
            row.status = S.ARCHIVED
        _commit(row, user, A.RESTORED, from_state, changed_fields=["deleted_at"])
    return _synced(article, row)


def purge_trash(*, now: datetime.datetime | None = None, days: int = TRASH_DAYS, dry_run: bool = False) -> list[str]:
    """Delete for good what has been in the trash longer than ``days``."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    doomed = Article.objects.filter(deleted_at__lt=cutoff)
    titles = list(doomed.values_list("title", flat=True))
    if not dry_run:
        doomed.delete()
    return titles


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


# ---------------------------------------------------------------- helpers


def _lock(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _synced(article: Article | None, row: Article) -> Article:
    """Bring the caller's instance up to date with what was stored."""
    if article is None or article is row:
        return row
    if article.pk is None:
        article.pk = row.pk
    article.refresh_from_db()
    return article


def _real(user: User):
    return user if user is not None and user.is_authenticated else None


def _move(row: Article, user: User, t: Transition, *, comment: str = "") -> None:
    from_state, row.status = row.status, t.target
    _commit(row, user, t.action, from_state, comment=comment, changed_fields=["status"])


def _commit(
    row: Article, user: User | None, action: str, from_state: str, *, comment: str = "",
    override_reason: str = "", changed_fields: list[str] = (), relations: dict | None = None,
) -> None:
    row.version += 1
    row.save()
    for name, value in (relations or {}).items():
        _set_relation(row, name, value)
    AuditEntry.objects.create(
        article=row, article_title=row.title, user=_real(user), action=action, from_state=from_state,
        to_state=row.status, comment=comment, override_reason=override_reason,
        changed_fields=list(changed_fields), version=row.version,
    )
    # Every transition and save also leaves a revision, so the revision list
    # shows the article as it was at each step (and revert can go back to it).
    save_revision(article=row, user=_real(user), comment=" – ".join(p for p in (action, comment) if p))


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


def _notify(row: Article, reason: str) -> None:
    article_id = row.pk
    transaction.on_commit(lambda: events.public_content_changed(article_ids=[article_id], reason=reason))


def _notify_if(was_public: bool, row: Article, reason: str) -> None:
    # A scheduled article moved to another future time becomes public then:
    # notified too, so the refresh is queued for its new moment.
    will_be_public = row.status in (S.PUBLISHED, S.SCHEDULED) and row.deleted_at is None and bool(
        row.published_at and row.published_at > timezone.now())
    if was_public or row.is_public or will_be_public:
        _notify(row, reason)


def _create(user: User, data: dict[str, Any], article: Article | None) -> Article:
    if not (user.is_authenticated and user.has_perm("articles.add_article")):
        raise WorkflowPermissionDenied("You cannot create articles.")
    with transaction.atomic():
        row = Article(created_by=_real(user), status=S.DRAFT)
        relations = _set_fields(row, data)
        row.version = 0
        _commit(row, user, A.CREATED, "", changed_fields=list(data), relations=relations)
    return _synced(article, row)


def _set_fields(row: Article, data: dict[str, Any]) -> dict[str, Any]:
    """Set plain fields on ``row``; return the relations to set after save."""
    relations = {}
    for name, value in data.items():
        if name in RELATION_FIELDS:
            relations[name] = value
        elif name == "featured_image" and not value:
            row.featured_image, row.featured_image_renditions = None, {}
        else:
            setattr(row, name, value)
    return relations


def _set_relation(row: Article, name: str, value) -> None:
    if name == "tags":
        names = [getattr(v, "name", v) for v in value or []]
        row.tags.set(names, clear=False)
        return
    ids = [getattr(v, "pk", v) for v in value or []]
    if name == "bylines":
        ids = list(dict.fromkeys(ids))  # an author is on a byline once
        known = set(AuthorProfile.objects.filter(pk__in=ids).values_list("pk", flat=True))
        ArticleAuthor.objects.filter(article=row).delete()
        ArticleAuthor.objects.bulk_create(
            [ArticleAuthor(article=row, author_id=pk, order=i) for i, pk in enumerate(p for p in ids if p in known)]
        )
        return
    model = RELATION_FIELDS[name]
    getattr(row, name).set(model.objects.filter(pk__in=ids))


def _merge_pending(row: Article, user: User, content: dict[str, Any]) -> None:
    pending = pending_change(row) or PendingChange(
        article=row, kind=PendingChange.Kind.PENDING, base_version=row.version, data={}
    )
    pending.data = {**pending.data, **_jsonable(content, store_files=True, article=row)}
    pending.created_by = _real(user) or pending.created_by
    pending.save()


def _apply_pending(row: Article, pending: PendingChange | None) -> list[str]:
    """Lay a pending change onto the row (saved by the caller's _commit)."""
    if pending is None:
        return []
    data = dict(pending.data)
    old_path = row.get_absolute_url() if row.published_at else None
    relations = {k: data.pop(k) for k in list(data) if k in RELATION_FIELDS}
    if "featured_image" in data:
        row.featured_image = data.pop("featured_image") or None
        row.featured_image_renditions = {}
    _set_fields(row, {k: v for k, v in data.items() if k in CONTENT_FIELDS})
    if old_path and "slug" in data and data["slug"] and row.get_absolute_url() != old_path:
        ArticleRedirect.objects.update_or_create(old_path=old_path, defaults={"article": row})
    for name, value in relations.items():
        _set_relation(row, name, value)
    pending.delete()
    return sorted(pending.data)


def _jsonable(data: dict[str, Any], *, store_files: bool, article: Article | None = None) -> dict[str, Any]:
    """Field values as JSON: tag names, entity ids, stored file names."""
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name == "tags":
            out[name] = sorted(getattr(v, "name", v) for v in value or [])
        elif name == "bylines":
            out[name] = [getattr(v, "pk", v) for v in value or []]  # the order is the byline's
        elif name in RELATION_FIELDS:
            out[name] = sorted(getattr(v, "pk", v) for v in value or [])
        elif name == "featured_image":
            if isinstance(value, UploadedFile):
                if store_files:
                    field = Article._meta.get_field("featured_image")
                    out[name] = field.storage.save(field.generate_filename(article, value.name), value)
                else:
                    out[name] = f"(upload not kept: {value.name})"
            else:
                out[name] = getattr(value, "name", None) or ""
        else:
            out[name] = value
    return out
