"""Background tasks of the content model, run by the task worker
(``manage.py db_worker``; see ree_exchange/settings/tasks.py).

Each task takes ids, not objects, and reads the rows afresh when it runs: by
then the change that enqueued it is committed, and may have been followed by
others."""

from __future__ import annotations

import logging

from django_tasks import task

from core.cache import invalidate_article_pages, invalidate_articles
from recommendations.tasks import refresh_related_lists

from .search import search_index_update

logger = logging.getLogger(__name__)


@task()
def public_content_changed_task(*, article_ids: list[int], reason: str = "") -> dict:
    """Reindex search, refresh related lists, purge cached pages by
    dependency. Each step runs even if an earlier one failed; the task fails
    (and shows in the task admin, to retry) if any did."""
    ids = sorted({int(i) for i in article_ids})
    failed: list[str] = []
    relisted: list[int] = []
    try:
        # Signals keep documents current on ordinary saves; this catches
        # bulk writes that send none (QuerySet.update, tag merges, imports).
        search_index_update(article_ids=ids)
    except Exception as exc:
        logger.exception("Reindexing search failed for %s (%s)", ids, reason)
        failed.append(f"search ({exc!r})")
    try:
        relisted = refresh_related_lists(article_ids=ids)
    except Exception as exc:
        logger.exception("Refreshing related lists failed for %s (%s)", ids, reason)
        failed.append(f"recommendations ({exc!r})")
    # Always at least the lists: a tag merge or entity edit may pass no ids.
    invalidate_articles(ids)
    # Pages whose "You Might Also Like" list changed, and nothing around them.
    invalidate_article_pages(sorted(set(relisted) - set(ids)))
    if failed:
        raise RuntimeError(f"public content changed ({reason}) for {ids}: {'; '.join(failed)} failed")
    return {"articles": len(ids), "relisted": len(relisted), "reason": reason}
