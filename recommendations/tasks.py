"""Recommendation tasks and receivers, run by the task worker.

The engine (numpy, SciPy, scikit-learn, and the index it holds) is loaded
by the worker when it first runs one of these, never by a web process, which
only enqueues them. That is why the engine is imported inside the functions
below, not for a cycle.

Both tasks run on their own queue, ``recommendations``, served by a worker of
its own (``manage.py db_worker --queue-name recommendations``; bin/demo
starts it): that worker keeps the index between tasks, and a new article's
list is never queued behind search indexing, purges or renditions."""

from __future__ import annotations

from django.dispatch import receiver
from django_tasks import task

from articles.models import Article
from articles.page_cache import invalidate_article_pages
from articles.signals import content_changed
from core.task_worker import worker_starting

QUEUE = "recommendations"


def refresh_related_lists(*, article_ids: list[int]) -> list[int]:
    """Refresh the lists these articles are in or should be in; returns the
    articles whose list changed."""
    from . import engine  # the worker's import, see the module docstring

    return engine.refresh(article_ids=article_ids)


@task(queue_name=QUEUE)
def refresh_related_lists_task(*, article_ids: list[int]) -> dict:
    """``refresh_related_lists``, then purge the pages whose list changed."""
    relisted = refresh_related_lists(article_ids=article_ids)
    invalidate_article_pages(relisted)
    return {"articles": len(article_ids), "relisted": len(relisted)}


@receiver(content_changed, dispatch_uid="recommendations_content_changed")
def _content_changed(sender, article_ids: list[int], **kwargs) -> None:
    if article_ids:  # none (an entity edit): no list to refresh
        refresh_related_lists_task.enqueue(article_ids=list(article_ids))


@receiver(worker_starting, dispatch_uid="recommendations_worker_starting")
def _worker_starting(sender, queue_names: list[str], **kwargs) -> None:
    """A worker that serves the lists' queue loads the saved index first."""
    if QUEUE in queue_names or "*" in queue_names:
        from . import engine  # the worker's import, see the module docstring

        engine.warm()


@task(queue_name=QUEUE)
def rebuild_related_lists() -> dict:
    """Recompute every published article's list (after a large import)."""
    from . import engine  # the worker's import, see the module docstring

    result = engine.rebuild_all()
    invalidate_article_pages(Article.objects.published().values_list("id", flat=True))
    return result
