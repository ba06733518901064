"""The one place that reacts when what readers can see changes.

Workflow services, importers and admin actions call
``public_content_changed`` after (on commit of) any change that may alter
public pages: publish, unpublish, archive, a live edit, a correction, a tag
merge, an entity edit. It refreshes derived data readers see (stored
"You Might Also Like" lists) and invalidates cached pages and feeds.
"""

from __future__ import annotations

from collections.abc import Iterable


def public_content_changed(*, article_ids: Iterable[int] = (), reason: str = "") -> None:
    """Refresh what depends on these articles. Call it inside
    ``transaction.on_commit`` so readers never see a half-done change."""
    ids = sorted({int(i) for i in article_ids})
    _refresh_recommendations(ids)
    _invalidate_caches(ids)


def _refresh_recommendations(article_ids: list[int]) -> None:
    # Wired to articles.recommendations once that module lands.
    return None


def _invalidate_caches(article_ids: list[int]) -> None:
    from core.cache import invalidate_articles

    # Always at least the lists: a tag merge or entity edit may pass no ids.
    invalidate_articles(article_ids)
