"""The recurring jobs (daily and weekly digests, the hourly clean-up) on the
task queue, with no cron.

Each job has a ScheduledRun row holding the moment its next run is due, and
one queued task carries that moment (``run_after``). A run takes the row's
lock, checks that its moment is still the row's (else it is a stray copy,
e.g. from a second seed), moves the row to the following moment and queues
that run in the same transaction, then does the work. So one chain exists
per job. A run already claimed (its worker killed mid-work, the task put
back by the worker's sweep) does the work again without queuing another
run: the work is safe to repeat, the send log sends nobody the same edition
twice.

``seed`` makes the rows and queues their first runs; run again, it leaves a
live chain alone and starts again only a chain whose run is overdue by more
than SUBSCRIPTIONS_SCHEDULE_GRACE (its task was lost), running it now so
the missed edition still goes out. The clean-up job seeds too, as a
watchdog of the other two.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger(__name__)

DAILY, WEEKLY, CLEANUP = "digest-daily", "digest-weekly", "cleanup"
JOBS = (DAILY, WEEKLY, CLEANUP)

Enqueue = Callable[[str, datetime.datetime], None]


def next_moment(job: str, *, after: datetime.datetime) -> datetime.datetime:
    """The first moment of ``job`` strictly after ``after``: digests at
    SUBSCRIPTIONS_DIGEST_AT local time (weekly: on SUBSCRIPTIONS_WEEKLY_DAY,
    0 is Monday), the clean-up every SUBSCRIPTIONS_CLEANUP_EVERY seconds."""
    if job == CLEANUP:
        return after + datetime.timedelta(seconds=settings.SUBSCRIPTIONS_CLEANUP_EVERY)
    if job not in (DAILY, WEEKLY):
        raise ValueError(f"no scheduled job {job!r}")
    hour, minute = (int(part) for part in settings.SUBSCRIPTIONS_DIGEST_AT.split(":"))
    local = timezone.localtime(after)
    moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    step = datetime.timedelta(days=1)
    if job == WEEKLY:
        moment += datetime.timedelta(days=(settings.SUBSCRIPTIONS_WEEKLY_DAY - moment.weekday()) % 7)
        step = datetime.timedelta(days=7)
    while moment <= local:
        moment += step
    return moment


def advance(job: str, *, due: datetime.datetime, enqueue: Enqueue) -> str:
    """Claim the run due at ``due``. "claimed": the row moves on and the next
    run is queued; "again": this run was claimed before (a task put back
    after its worker died mid-work), so the work is done again, safely, and
    nothing more is queued; "stray": not this chain's run, do nothing."""
    with transaction.atomic():
        row = ScheduledRun.objects.select_for_update().filter(job=job).first()
        if row is not None and row.last_due == due:
            return "again"
        if row is None or row.next_run_at != due:
            logger.info("scheduled %s for %s is not the current run; stopping", job, due)
            return "stray"
        now = timezone.now()
        row.last_run_at, row.last_due = now, due
        row.next_run_at = next_moment(job, after=max(now, due))
        row.save(update_fields=["last_run_at", "last_due", "next_run_at"])
        enqueue(job, row.next_run_at)
        return "claimed"


def seed(*, enqueue: Enqueue, now: datetime.datetime | None = None) -> dict[str, str]:
    """Start every job's chain that is not running; {job: what was done}."""
    now = now or timezone.now()
    grace = datetime.timedelta(seconds=settings.SUBSCRIPTIONS_SCHEDULE_GRACE)
    done = {}
    for job in JOBS:
        with transaction.atomic():
            row, created = ScheduledRun.objects.get_or_create(
                job=job, defaults={"next_run_at": next_moment(job, after=now)})
            row = ScheduledRun.objects.select_for_update().get(pk=row.pk)
            if created:
                done[job] = "started"
            elif row.next_run_at < now - grace:
                row.next_run_at = now
                row.save(update_fields=["next_run_at"])
                done[job] = "restarted (overdue)"
            else:
                done[job] = "running"
                continue
            enqueue(job, row.next_run_at)
    return done
