"""The one place that reacts when what readers can see changes.

Workflow services, importers and admin actions call
``public_content_changed`` after (on commit of) any change that may alter
public pages: publish, schedule, unpublish, archive, a live edit, a
correction, a tag merge, an entity edit. It enqueues the "public content
changed" task (articles/tasks.py), which reindexes search, refreshes the
stored "You Might Also Like" lists and purges cached pages by dependency in
the task worker, never in the editor's request.

Visibility is decided at read time (``Article.objects.published()``), so a
scheduled article is public at its time whatever runs; what follows the
clock is derived data. The same task is therefore also enqueued with
``run_after`` each future publish or expiry moment of these articles, and
lists, search and cached pages catch up within the worker's poll interval.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from .models import Article
from .tasks import public_content_changed_task

# A tag merge or an import may touch thousands of articles: one task per
# this many, so each finishes in seconds and a failure retries only its part.
FAN_OUT = 500


def public_content_changed(*, article_ids: Iterable[int] = (), reason: str = "") -> None:
    """Enqueue the refresh of what depends on these articles once the
    current transaction commits (at once outside one): the article change is
    stored first, so a task that fails never loses it, and a queue that
    cannot be reached (Redis down) is logged, not raised at the editor."""
    ids = sorted({int(i) for i in article_ids})
    transaction.on_commit(lambda: enqueue_public_content_changed(article_ids=ids, reason=reason), robust=True)


def enqueue_public_content_changed(*, article_ids: list[int], reason: str = "",
                                   now: datetime.datetime | None = None) -> int:
    """Enqueue the task now (in chunks of ``FAN_OUT``), and again at each
    future publish or expiry moment of these articles. Returns how many
    tasks were enqueued."""
    now = now or timezone.now()
    chunks = [article_ids[i : i + FAN_OUT] for i in range(0, len(article_ids), FAN_OUT)] or [[]]
    for chunk in chunks:
        public_content_changed_task.enqueue(article_ids=chunk, reason=reason)
    moments = _future_moments(article_ids, now=now)
    for moment, ids in sorted(moments.items()):
        public_content_changed_task.using(run_after=moment).enqueue(article_ids=ids, reason=f"{reason} (at its time)")
    return len(chunks) + len(moments)


def _future_moments(article_ids: list[int], *, now: datetime.datetime) -> dict[datetime.datetime, list[int]]:
    """Future publish and expiry times of these articles -> their ids."""
    if not article_ids:
        return {}
    moments: dict[datetime.datetime, list[int]] = {}
    rows = Article.objects.filter(pk__in=article_ids).values_list("pk", "published_at", "expires_at")
    for pk, published_at, expires_at in rows:
        for moment in (published_at, expires_at):
            if moment is not None and moment > now:
                moments.setdefault(moment, []).append(pk)
    return moments
