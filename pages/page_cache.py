"""What the page cache must know about pages: a page's own key, and the
masthead's rows (a staff change shows on the masthead page)."""

from __future__ import annotations

from pagecache.dependencies import track

from .models import MastheadEntry, Page, Redirect


def _listed(page: Page) -> bool:
    return page.__dict__.get("status") == Page.Status.PUBLISHED


def register() -> None:
    track(Page, kind="page", listed=_listed)
    track(MastheadEntry, kind="masthead", collect=False)
    track(Redirect, kind="redirect", collect=False)
