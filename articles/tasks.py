"""Background tasks of the content model, run by the task worker
(``manage.py db_worker``; see ree_exchange/settings/tasks.py).

Each task takes ids, not objects, and reads the rows afresh when it runs: by
then the change that enqueued it is committed, and may have been followed by
others."""

from __future__ import annotations

import logging

from django_tasks import task

from .models import Article
from .page_cache import invalidate_article_pages, invalidate_articles
from .signals import content_changed

logger = logging.getLogger(__name__)


@task()
def public_content_changed_task(*, article_ids: list[int], reason: str = "") -> dict:
    """Purge cached pages by dependency, then tell the apps that keep derived
    data (search, related lists). Every receiver runs even if an earlier one
    failed; the task fails (and shows in the task admin, to retry) if any did."""
    ids = sorted({int(i) for i in article_ids})
    failed: list[str] = []
    relisted: set[int] = set()
    # First what readers see: the pages that list or show these articles
    # (always at least the lists: a tag merge or entity edit may pass no ids).
    # A slow receiver (a worker's first recommendation refresh builds its
    # whole index) must not hold a published story off its topic pages.
    invalidate_articles(ids)
    for receiver, result in content_changed.send_robust(sender=Article, article_ids=ids, reason=reason):
        if isinstance(result, Exception):
            logger.error("%s failed for %s (%s)", receiver.__module__, ids, reason, exc_info=result)
            failed.append(f"{receiver.__module__} ({result!r})")
        elif result:
            relisted.update(result)
    # Then the pages whose derived data changed (these articles' own "You
    # Might Also Like" lists, and any they joined), and nothing around them.
    invalidate_article_pages(sorted(relisted | set(ids)))
    if failed:
        raise RuntimeError(f"public content changed ({reason}) for {ids}: {'; '.join(failed)} failed")
    return {"articles": len(ids), "relisted": len(relisted), "reason": reason}
