"""The one place that reacts when what readers can see changes.

Workflow services, importers and admin actions call
``public_content_changed`` after (on commit of) any change that may alter
public pages: publish, unpublish, archive, a live edit, a correction, a tag
merge, an entity edit. It refreshes derived data readers see (stored
"You Might Also Like" lists) and invalidates cached pages and feeds.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Sent by public_content_changed with ``article_ids``: the apps above
# articles that keep derived data (search) subscribe to it.
content_changed = Signal()


def public_content_changed(*, article_ids: Iterable[int] = (), reason: str = "") -> None:
    """Refresh what depends on these articles. Call it inside
    ``transaction.on_commit`` so readers never see a half-done change."""
    ids = sorted({int(i) for i in article_ids})
    _refresh_search_index(ids)
    relisted = _refresh_recommendations(ids)
    _invalidate_caches(ids, relisted=sorted(set(relisted) - set(ids)))


def recommendations_refreshed(*, article_ids: Iterable[int]) -> None:
    """Pages whose "You Might Also Like" list was rewritten outside a
    publish (``rebuild_recommendations --pending``) are rendered afresh."""
    from .page_cache import invalidate_article_pages

    invalidate_article_pages(sorted({int(i) for i in article_ids}))


def _refresh_search_index(article_ids: list[int]) -> None:
    # Signals keep documents current on ordinary saves; this catches bulk
    # writes that send none (QuerySet.update, tag merges, raw imports).
    # Search sits above articles, so it subscribes (search/signals.py).
    content_changed.send(sender=None, article_ids=article_ids)


def _refresh_recommendations(article_ids: list[int]) -> list[int]:
    """Refresh the related lists; returns the articles whose list changed."""
    if not article_ids:
        return []
    from .recommendations import refresh_for

    try:
        return refresh_for(article_ids=article_ids).get("article_ids", [])
    except Exception:
        # Stale "You Might Also Like" lists must never fail a publish; the
        # nightly rebuild_recommendations repairs them.
        logger.exception("Refreshing related articles failed for %s", article_ids)
        return []


def _invalidate_caches(article_ids: list[int], *, relisted: list[int] = ()) -> None:
    from .page_cache import invalidate_article_pages, invalidate_articles

    # Always at least the lists: a tag merge or entity edit may pass no ids.
    invalidate_articles(article_ids)
    # Pages whose "You Might Also Like" list changed, and nothing around them.
    invalidate_article_pages(relisted)
