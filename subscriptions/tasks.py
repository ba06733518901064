"""Background tasks of subscriptions, run by the task worker. Each takes
ids, reads rows afresh, and is safe to run twice (the send log decides)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from . import alerts, digests, retention, schedule, sending
from .models import Delivery, Rhythm


def _enqueue_later(task_obj, *, seconds: int, **kwargs) -> None:
    """Enqueue ``task_obj`` to run ``seconds`` from now; a backend that
    cannot defer (the immediate one tests use) runs it now."""
    if seconds > 0 and default_task_backend.supports_defer:
        task_obj.using(run_after=timezone.now() + datetime.timedelta(seconds=seconds)).enqueue(**kwargs)
    else:
        task_obj.enqueue(**kwargs)


@task()
def send_confirmation_task(*, subscriber_id: int, follow_id: int) -> str:
    return sending.send_confirmation(subscriber_id=subscriber_id, follow_id=follow_id)


@task()
def queue_digest_task(*, rhythm: str) -> dict:
    """Make today's (this week's) edition, log a delivery for every reader
    with something in it, then hand the sending to SUBSCRIPTIONS_SEND_TASKS
    parallel send tasks (they share the rows through row locks)."""
    return _queue_digest(rhythm)


def _queue_digest(rhythm: str) -> dict:
    edition = digests.edition_for(rhythm)
    matched = digests.queue_edition(edition)
    for _ in range(max(1, settings.SUBSCRIPTIONS_SEND_TASKS)):
        send_edition_task.enqueue(edition_id=edition.pk)
    return {"edition": edition.key, "readers": matched}


@task()
def send_edition_task(*, edition_id: int) -> dict:
    return sending.send_many(sending.queued_ids(edition_id=edition_id))


@task()
def schedule_alerts_task(*, article_ids: list[int]) -> int:
    ids = alerts.schedule_alerts(article_ids=article_ids)
    if ids:
        _enqueue_later(send_alerts_task, seconds=settings.SUBSCRIPTIONS_ALERT_DELAY, delivery_ids=ids)
    return len(ids)


@task()
def send_alerts_task(*, delivery_ids: list[int]) -> dict:
    return sending.send_many(delivery_ids)


@task()
def resend_queued_task() -> dict:
    """Send whatever is still queued and due (a repair run after an outage)."""
    return _resend_queued()


def _resend_queued() -> dict:
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.SUBSCRIPTIONS_ALERT_DELAY)
    return sending.send_many(sending.queued_ids(created_at__lte=cutoff, kind__in=[Delivery.Kind.DIGEST,
                                                                                  Delivery.Kind.ALERT]))


@task()
def cleanup_task() -> dict:
    return retention.expire_unconfirmed()


def _enqueue_scheduled(job: str, due: datetime.datetime) -> None:
    scheduled_run_task.using(run_after=due).enqueue(job=job, due=due.isoformat())


def seed_schedule() -> dict[str, str]:
    """Start the recurring jobs' chains on the task queue (subscriptions/schedule.py);
    nothing to do where the backend cannot defer a task (cron runs the commands)."""
    if not default_task_backend.supports_defer:
        return {job: "not started: the task backend cannot defer (use cron)" for job in schedule.JOBS}
    return schedule.seed(enqueue=_enqueue_scheduled)


@task()
def scheduled_run_task(*, job: str, due: str) -> dict:
    """One run of a recurring job: claim it and queue the next (or stop, as a
    stray copy), then do the work."""
    claim = schedule.advance(job, due=datetime.datetime.fromisoformat(due), enqueue=_enqueue_scheduled)
    if claim == "stray":
        return {"job": job, "ran": False}
    if job == schedule.DAILY:
        result = _queue_digest(Rhythm.DAILY)
    elif job == schedule.WEEKLY:
        result = _queue_digest(Rhythm.WEEKLY)
    else:
        resend_queued_task.enqueue()
        result = {**retention.expire_unconfirmed(), "schedule": seed_schedule()}
    return {"job": job, "ran": True, "claim": claim, **result}


@task()
def send_test_task(*, to: str) -> int:
    return sending.send_test(to=to, items=digests.preview_items())


@task()
def send_manage_link_task(*, email: str) -> str:
    return sending.send_manage_link(email=email)
