"""The task worker survives being stopped or killed mid-task.

django-tasks-db marks a task RUNNING when a worker claims it and only its
worker ever changes that, so a worker that dies (SIGKILL, a crash, the
machine going down, or systemd killing it after a stop timeout) left its
task RUNNING for ever: the work it stood for (purging cached pages,
reindexing, refreshing related lists after an edit that is already in the
database) never happened. Here:

* every worker's id says where it runs: ``<host>:<pid>:<random>``;
* :func:`requeue_lost_tasks` finds RUNNING tasks whose worker is gone (on
  this host: no such process; elsewhere or unknown: running longer than
  ``TASKS_STALE_AFTER``) and puts them back in the queue, or marks them
  failed once they have been lost ``TASKS_MAX_ATTEMPTS`` times (a task that
  kills its worker every time must not loop for ever); the task admin shows
  those, with a retry button. Project tasks are idempotent (they recompute
  from the database), so running one again is safe;
* the worker (``core/management/commands/db_worker.py``) runs that sweep at
  start and every minute, and on SIGTERM lets the current task finish for
  ``--grace`` seconds, then interrupts it and puts it back in the queue.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# Sent by ``manage.py db_worker`` once, before it takes its first task, with
# ``queue_names`` (the queues it serves, ``["*"]`` for all). A worker that
# holds state between tasks prepares it here rather than in its first task,
# so that task (a new article's related list) does not wait for it. Only
# this worker sends it; another backend's worker does not.
worker_starting = Signal()


class WorkerLost(Exception):
    """Recorded on a task whose worker died under it too many times."""


def new_worker_id() -> str:
    """``<host>:<pid>:<random>`` (at most 64 characters, django-tasks-db's limit)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def _process_started_at(pid: int) -> float | None:
    """When process ``pid`` started (Unix time), from /proc on Linux."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
    except (OSError, StopIteration, ValueError):
        return None
    # Field 22 (counting from 1), after the parenthesised command name.
    ticks = int(stat.rsplit(")", 1)[1].split()[19])
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def _process_alive(pid: int, claimed_at: datetime.datetime | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    started = _process_started_at(pid)
    # A pid reused by a process that started after the claim is not our worker.
    return started is None or claimed_at is None or started <= claimed_at.timestamp() + 1


def worker_gone(worker_id: str, started_at: datetime.datetime | None, *, now: datetime.datetime,
                stale_after: datetime.timedelta) -> bool:
    """Whether the worker that claimed a task can no longer finish it."""
    host, _, rest = worker_id.partition(":")
    pid_text = rest.partition(":")[0]
    if host == socket.gethostname()[:40] and pid_text.isdigit():
        return not _process_alive(int(pid_text), started_at)
    # Another machine, or an id without a pid: only the clock can tell.
    return started_at is None or now - started_at > stale_after


def requeue_lost_tasks(*, stale_after: datetime.timedelta | None = None, max_attempts: int | None = None,
                       keep_worker_id: str = "") -> tuple[int, int]:
    """Put tasks whose worker died back in the queue; fail those lost too
    often. Returns (requeued, failed)."""
    if stale_after is None:
        stale_after = datetime.timedelta(seconds=int(getattr(settings, "TASKS_STALE_AFTER", 7200)))
    if max_attempts is None:
        max_attempts = int(getattr(settings, "TASKS_MAX_ATTEMPTS", 3))
    now = timezone.now()
    requeued = failed = 0
    for result in DBTaskResult.objects.running().order_by("started_at"):
        last = result.worker_ids[-1] if result.worker_ids else ""
        if last == keep_worker_id or not worker_gone(last, result.started_at, now=now, stale_after=stale_after):
            continue
        with transaction.atomic(using=DBTaskResult.objects.db):
            # Only if it is still the same claim (its worker did not just finish it).
            claim = DBTaskResult.objects.select_for_update().filter(
                pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
            )
            if not claim.exists():
                continue
            if len(result.worker_ids) >= max_attempts:
                result.set_failed(WorkerLost(
                    f"its worker died while running it, {len(result.worker_ids)} times (last: {last})"
                ))
                failed += 1
                logger.error("Task %s (%s) failed: its worker died %s times", result.pk, result.task_path,
                             len(result.worker_ids))
            else:
                claim.update(status=TaskResultStatus.READY, started_at=None)
                requeued += 1
                logger.warning("Task %s (%s) back in the queue: its worker %s died", result.pk, result.task_path, last)
    return requeued, failed


def requeue_interrupted(result: DBTaskResult) -> None:
    """The worker stopped this task itself (SIGTERM past the grace time):
    back in the queue, not failed."""
    DBTaskResult.objects.filter(pk=result.pk).update(
        status=TaskResultStatus.READY, started_at=None, finished_at=None, exception_class_path="", traceback=""
    )
    logger.warning("Task %s (%s) interrupted by shutdown, back in the queue", result.pk, result.task_path)
