"""Shareable preview links for a page that is not public yet: a signed
token (own salt) carrying the page and the moment it was made, valid for
PREVIEW_LINK_MAX_AGE seconds like the articles' links. Unlike those, a page
link has no row to revoke it early: changing the page's slug does not
help either; it simply expires."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Page

SALT = "pages.preview-link"
DEFAULT_MAX_AGE = 48 * 60 * 60


def max_age() -> int:
    return int(getattr(settings, "PREVIEW_LINK_MAX_AGE", DEFAULT_MAX_AGE))


def preview_path(page: Page) -> str:
    token = signing.TimestampSigner(salt=SALT).sign_object({"p": page.pk})
    return reverse("pages:preview", kwargs={"token": token})


def page_for_token(token: str) -> Page | None:
    """The page a valid, unexpired token names, whatever its state."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age())
    except (signing.BadSignature, signing.SignatureExpired, ValueError, TypeError):
        return None
    pk = data.get("p") if isinstance(data, dict) else None
    return Page.objects.filter(pk=pk).first() if isinstance(pk, int) else None
