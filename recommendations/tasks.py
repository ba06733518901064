"""Recommendation tasks and receivers, run by the task worker.

The engine (numpy, SciPy, scikit-learn, and the index it holds: up to 1.5 GB
at 100,000 articles) is loaded by the worker when it first runs one of
these, never by a web process, which only enqueues them. That is why the
engine is imported inside the functions below, not for a cycle."""

from __future__ import annotations

from django.dispatch import receiver
from django_tasks import task

from articles.models import Article
from articles.page_cache import invalidate_article_pages
from articles.signals import content_changed


def refresh_related_lists(*, article_ids: list[int]) -> list[int]:
    """Refresh the lists these articles are in or should be in; returns the
    articles whose list changed (their pages are purged by the caller)."""
    from . import engine  # the worker's import, see the module docstring

    return engine.refresh(article_ids=article_ids)


@receiver(content_changed, dispatch_uid="recommendations_content_changed")
def _content_changed(sender, article_ids: list[int], **kwargs) -> list[int]:
    return refresh_related_lists(article_ids=article_ids)


@task()
def rebuild_related_lists() -> dict:
    """Recompute every published article's list (after a large import)."""
    from . import engine  # the worker's import, see the module docstring

    result = engine.rebuild_all()
    invalidate_article_pages(Article.objects.published().values_list("id", flat=True))
    return result
