"""When search documents are rewritten: in the task worker, once the change
that calls for it is committed (never in the editor's request or save()).

The signal receivers (signals.py) call :func:`index_articles_soon`; imports
and bulk edits wrap their work in :func:`search_index_batch` so each
document is written once."""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import connection, transaction
from django_tasks import task

from .documents import search_index_update


@task()
def search_index_task(*, article_ids: list[int]) -> int:
    """Rewrite these articles' documents from the rows as they are now;
    returns how many documents were written."""
    return search_index_update(article_ids=article_ids)


_pending: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar("search_index_pending", default=None)


@contextlib.contextmanager
def search_index_batch() -> Iterator[None]:
    """Collect index updates made inside the block (by the signal receivers)
    and write them once at the end: for imports and bulk edits, where one
    article is otherwise re-indexed after each of its saves and tag adds."""
    if _pending.get() is not None:  # already batching: the outer block writes
        yield
        return
    token = _pending.set(set())
    try:
        yield
        ids = _pending.get()
    finally:
        _pending.reset(token)
    if ids:
        search_index_task.enqueue(article_ids=sorted(ids))


# Ids waiting for the current transaction to commit (per thread: Django's
# connections are per thread too).
_awaiting_commit = threading.local()


def index_articles_soon(article_ids: Iterable[int]) -> None:
    """Update these documents at the end of the enclosing
    ``search_index_batch``, else when the current transaction commits (so an
    admin save that sets tags and mentions writes each document once, and a
    rolled-back change writes none), else now.

    ``settings.SEARCH_INDEX_ON_COMMIT = False`` (the test settings) updates
    at once even inside a transaction, as test cases never commit."""
    ids = {int(i) for i in article_ids}
    if not ids:
        return
    pending = _pending.get()
    if pending is not None:
        pending.update(ids)
    elif connection.in_atomic_block and getattr(settings, "SEARCH_INDEX_ON_COMMIT", True):
        waiting = getattr(_awaiting_commit, "ids", None)
        if waiting is None:
            waiting = _awaiting_commit.ids = set()
        waiting.update(ids)
        # One callback per call keeps this right across rollbacks (which drop
        # callbacks); all but the first find nothing left to do. Robust: a
        # failed index write is logged, it does not undo the editor's save.
        transaction.on_commit(_index_awaiting_commit, robust=True)
    else:
        # Ids left waiting by a rolled-back transaction ride along.
        search_index_task.enqueue(article_ids=sorted(ids | (getattr(_awaiting_commit, "ids", None) or set())))
        _awaiting_commit.ids = set()


def _index_awaiting_commit() -> None:
    ids = getattr(_awaiting_commit, "ids", None)
    if ids:
        _awaiting_commit.ids = set()
        search_index_task.enqueue(article_ids=sorted(ids))
