"""Shareable preview links for a page: a signed token (own salt) naming a
PagePreviewLink row, valid for PREVIEW_LINK_MAX_AGE seconds like the
articles' links. The row is what lets an editor revoke a link in the
admin; unpublishing the page revokes all of its links
(``services.page_transition``) and deleting it deletes them.

A link shows the page as its editors see it, pending change included. A
link made for a page that was not public yet sends the visitor to the
public page once it is published, so it never becomes a window onto later
unpublished edits of the live page."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import Page, PageAuditEntry, PagePreviewLink
from .pending import lay_on, pending_of

SALT = "pages.preview-link"
DEFAULT_MAX_AGE = 48 * 60 * 60


def max_age() -> int:
    return int(getattr(settings, "PREVIEW_LINK_MAX_AGE", DEFAULT_MAX_AGE))


def _is_public(page: Page, now: datetime.datetime) -> bool:
    return page.status == Page.Status.PUBLISHED and page.published_at is not None and page.published_at <= now


def link_path(link: PagePreviewLink) -> str:
    token = signing.Signer(salt=SALT).sign_object({"t": link.token_id})
    return reverse("pages:preview", kwargs={"token": token})


@transaction.atomic
def create_preview_link(*, page: Page, user) -> PagePreviewLink:
    if not user.has_perm("pages.change_page"):
        raise PermissionDenied("You cannot change pages.")
    page = Page.objects.get(pk=page.pk)  # its state as stored, not as the caller last saw it
    now = timezone.now()
    link = PagePreviewLink.objects.create(
        token_id=secrets.token_urlsafe(24), page=page, created_by=user, created_at=now,
        expires_at=now + datetime.timedelta(seconds=max_age()), for_public=_is_public(page, now),
    )
    PageAuditEntry.objects.create(page=page, page_title=page.title, user=user,
                                  action=PageAuditEntry.Action.LINK_CREATED)
    return link


@transaction.atomic
def revoke_preview_link(*, link: PagePreviewLink, user) -> None:
    if not user.has_perm("pages.change_page"):
        raise PermissionDenied("You cannot change pages.")
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), user
        link.save(update_fields=["revoked_at", "revoked_by"])
        PageAuditEntry.objects.create(page=link.page, page_title=link.page.title, user=user,
                                      action=PageAuditEntry.Action.LINK_REVOKED)


@dataclass(frozen=True)
class Opened:
    page: Page | None = None
    redirect_to: str = ""
    pending: bool = False  # the page is shown with its pending change


def open_link(token: str) -> Opened:
    """What a visit to a link shows: the page (with its pending change), a
    redirect to the public page, or nothing (forged, expired, revoked)."""
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return Opened()
    token_id = data.get("t") if isinstance(data, dict) else None
    if not isinstance(token_id, str):
        return Opened()
    link = PagePreviewLink.objects.select_related("page").filter(token_id=token_id).first()
    now = timezone.now()
    if link is None or not link.is_active(now):
        return Opened()
    page = link.page
    if not link.for_public and _is_public(page, now):
        return Opened(redirect_to=page.get_absolute_url())
    if link.for_public and not _is_public(page, now):
        return Opened()
    pending = pending_of(page)
    lay_on(page, pending)
    return Opened(page=page, pending=pending is not None)
