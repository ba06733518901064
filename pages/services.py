"""Every write to a page: saving, the workflow (draft → review →
published, and back), revert, and the old addresses a move leaves behind.
Admin, importers and commands call these; each runs in one transaction,
keeps a revision and writes the audit trail.

A save to a published page is held as its pending change (``pending.py``)
and goes live when an editor publishes it (``publish_changes``), as an
article's does; importers, which say the ``status`` they want, write the
row directly."""

from __future__ import annotations

from collections.abc import Iterable

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from .models import Page, PageAuditEntry, PagePreviewLink, Redirect
from .pending import hold, lay_on, pending_of
from .revisions import CONTENT_FIELDS

S = Page.Status
A = PageAuditEntry.Action

# name: (states it starts from, state it leads to, audit action, needs publish permission)
TRANSITIONS: dict[str, tuple[frozenset[str], str, str, bool]] = {
    "submit": (frozenset({S.DRAFT}), S.REVIEW, A.SUBMITTED, False),
    "publish": (frozenset({S.DRAFT, S.REVIEW}), S.PUBLISHED, A.PUBLISHED, True),
    "unpublish": (frozenset({S.PUBLISHED, S.REVIEW}), S.DRAFT, A.UNPUBLISHED, True),
    "publish_changes": (frozenset({S.PUBLISHED}), S.PUBLISHED, A.CHANGES_PUBLISHED, True),
    "discard_changes": (frozenset({S.PUBLISHED}), S.PUBLISHED, A.CHANGES_DISCARDED, True),
}
LABELS = {"submit": "Submit for review", "publish": "Publish", "unpublish": "Unpublish",
          "publish_changes": "Publish changes", "discard_changes": "Discard changes"}
# Steps that act on a pending change, offered only when there is one.
ON_PENDING = frozenset({"publish_changes", "discard_changes"})


def may_publish(user) -> bool:
    return bool(user and user.has_perm("pages.publish_page"))


def _audit(page: Page, user, action: str, *, from_state: str = "", to_state: str = "", comment: str = "",
           changed: Iterable[str] = ()) -> None:
    PageAuditEntry.objects.create(page=page, page_title=page.title, user=user if user and user.pk else None,
                                  action=action, from_state=from_state, to_state=to_state, comment=comment,
                                  changed_fields=list(changed))


def _revision(page: Page, user, comment: str) -> None:
    with reversion.create_revision(atomic=False):
        reversion.add_to_revision(page)
        if user is not None and user.pk:
            reversion.set_user(user)
        reversion.set_comment(comment)


def _move(page: Page, old_path: str | None) -> None:
    """After ``page`` got a new path: its descendants follow, and every old
    address (``old_path`` and theirs) 301s to the page that lived there."""
    if old_path is None or old_path == page.path:
        return
    Redirect.objects.filter(old_path=f"/{page.path}/").delete()  # the page is back at an old address
    Redirect.objects.update_or_create(old_path=f"/{old_path}/", defaults={"page": page, "target": "",
                                                                          "source": "page moved"})
    for child in page.children.all():
        child_old = child.path
        child.save()  # recomputes its path from the parent's new one
        _move(child, child_old)


@transaction.atomic
def page_save(*, page: Page, user, changed: Iterable[str] = (), comment: str = "",
              action: str = A.SAVED, status: str | None = None) -> Page:
    """Create or update ``page`` (its fields already set by the caller).
    Publishing needs the publish permission; a new page starts as a draft
    unless ``status`` says otherwise (importers). An edit of a published
    page (without ``status``) is held as its pending change: the live page
    and its address stay as they are, and the stored page is returned."""
    creating = page.pk is None
    stored = None if creating else Page.objects.select_for_update().filter(pk=page.pk).first()
    if stored is not None and stored.status == S.PUBLISHED and status is None:
        changed = hold(stored=stored, edited=page, user=user)
        _audit(stored, user, A.CHANGES_SAVED if action == A.SAVED else action, changed=changed,
               comment=comment or "Not on the site until an editor publishes the changes.")
        return stored
    old_path = stored.path if stored is not None else None
    if status is not None:
        if status == S.PUBLISHED and not may_publish(user) and user is not None:
            raise PermissionDenied("Only editors can publish pages.")
        page.status = status
        if status == S.PUBLISHED and page.published_at is None:
            page.published_at = timezone.now()
    page.version += 1
    page.save()
    _move(page, old_path)
    changed = list(changed)
    _audit(page, user, A.CREATED if creating and action == A.SAVED else action, changed=changed, comment=comment,
           to_state=page.status if creating else "")
    _revision(page, user, comment or ("Created" if creating else "Saved"))
    return page


@transaction.atomic
def page_transition(*, page: Page, user, name: str, comment: str = "") -> Page:
    """Run the workflow step ``name`` (see TRANSITIONS) on ``page``."""
    sources, target, action, needs_publish = TRANSITIONS[name]
    page = Page.objects.select_for_update().get(pk=page.pk)
    if needs_publish and not may_publish(user):
        raise PermissionDenied("Only editors can publish or unpublish pages.")
    if not user.has_perm("pages.change_page"):
        raise PermissionDenied("You cannot change pages.")
    if page.status not in sources:
        raise PermissionDenied(f"Cannot {name} a page that is {page.get_status_display().lower()}.")
    before, old_path, changed = page.status, page.path, []
    pending = pending_of(page)
    if name in ON_PENDING and pending is None:
        raise PermissionDenied("This page has no unpublished changes.")
    if name == "discard_changes":
        pending.delete()
        _audit(page, user, action, from_state=before, to_state=target, comment=comment,
               changed=sorted(pending.data))
        return page
    if name in ("publish_changes", "unpublish") and pending is not None:
        # Unpublished, the page is a draft edited in place: it keeps the
        # latest text rather than losing it.
        changed = lay_on(page, pending)
        pending.delete()
    page.status = target
    if target == S.PUBLISHED and (page.published_at is None or page.published_at > timezone.now()):
        page.published_at = timezone.now()
    page.version += 1
    page.save()
    _move(page, old_path)
    if name == "unpublish":
        end_preview_links(page=page, user=user)
    _audit(page, user, action, from_state=before, to_state=target, comment=comment, changed=changed)
    _revision(page, user, f"{PageAuditEntry.Action(action).label}")
    return page


def end_preview_links(*, page: Page, user) -> int:
    """Revoke every active share link to ``page`` (it stopped being public,
    or an editor asked)."""
    return PagePreviewLink.objects.filter(page=page, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=user if user is not None and user.pk else None)


def allowed_transitions(user, page: Page) -> list[str]:
    if page.pk is None or not user.has_perm("pages.change_page"):
        return []
    has_pending = page.status == S.PUBLISHED and pending_of(page) is not None
    return [name for name, (sources, _t, _a, needs) in TRANSITIONS.items()
            if page.status in sources and (not needs or may_publish(user))
            and (name not in ON_PENDING or has_pending)]


@transaction.atomic
def page_revert(*, page: Page, version: Version, user) -> Page:
    """Lay ``version``'s content back on the page (never its state or address)."""
    if not user.has_perm("pages.change_page"):
        raise PermissionDenied("You cannot change pages.")
    if int(version.object_id) != page.pk or version.content_type.model_class() is not Page:
        raise PermissionDenied("That revision belongs to another page.")
    data = version.field_dict
    changed = [name for name, _ in CONTENT_FIELDS if getattr(page, name) != data.get(name)]
    for name in changed:
        setattr(page, name, data.get(name))
    stamp = version.revision.date_created.strftime("%Y-%m-%d %H:%M")
    return page_save(page=page, user=user, changed=changed, action=A.REVERTED,
                     comment=f"Reverted to the revision of {stamp}")
