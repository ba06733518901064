"""Pending changes: a published page's content as saved but not yet
published. A save to a live page never edits it in place
(``services.page_save``): the content and address wait here until an
editor publishes them (``page_transition(name="publish_changes")``) or
discards them. The admin's form and the preview links show the page with
its pending change laid on (``with_pending``), never the public page."""

from __future__ import annotations

from typing import Any

from .models import Page, PagePendingChange
from .revisions import CONTENT_FIELDS

# What a pending change carries: the content, and the address (a new slug or
# parent is a move, with its 301, made when the change is published).
HELD = (*(name for name, _ in CONTENT_FIELDS), "slug", "parent_id")


def pending_of(page: Page) -> PagePendingChange | None:
    if page.pk is None:
        return None
    return PagePendingChange.objects.filter(page=page).first()


def held_content(page: Page) -> dict[str, Any]:
    return {name: getattr(page, name) for name in HELD}


def hold(*, stored: Page, edited: Page, user) -> list[str]:
    """Keep ``edited``'s content as ``stored``'s pending change; return the
    fields that differ from the live page."""
    data = held_content(edited)
    changed = [name for name in HELD if getattr(stored, name) != data[name]]
    pending = pending_of(stored)
    if pending is None:
        pending = PagePendingChange(page=stored, base_version=stored.version)
    pending.data = data
    pending.created_by = user if user is not None and user.pk else pending.created_by
    pending.save()
    return changed


def lay_on(page: Page, pending: PagePendingChange | None) -> list[str]:
    """Set the pending content on ``page`` (in memory); the names changed."""
    if pending is None:
        return []
    changed = []
    for name in HELD:
        if name in pending.data and getattr(page, name) != pending.data[name]:
            setattr(page, name, pending.data[name])
            changed.append(name)
    if "parent_id" in changed:
        # A parent deleted since the change was saved leaves the page at the top.
        page.parent = Page.objects.filter(pk=page.parent_id).first() if page.parent_id else None
        page.parent_id = page.parent.pk if page.parent else None
    return changed


def with_pending(page: Page) -> Page:
    """``page`` as its editors see it: with its pending change, if any."""
    lay_on(page, pending_of(page))
    return page
