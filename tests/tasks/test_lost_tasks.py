"""Tasks left RUNNING by a worker that died go back in the queue, or fail
once they have killed their worker too often (core/task_worker.py)."""

from __future__ import annotations

import datetime
import os
import socket

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.tasks import public_content_changed_task
from core.task_worker import new_worker_id, requeue_lost_tasks
from tests.tasks.queue_support import using_rq

# The database queue's own worker (core/task_worker.py); RQ has its own
# recovery of dead workers' jobs (docs/scale-out.md).
only_db_queue = pytest.mark.skipif(using_rq(), reason="about the database queue's worker, not RQ")
pytestmark = [pytest.mark.django_db, only_db_queue]


def _dead_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        pid += 1


def _claimed(queue, worker_ids: list[str], started_ago: float = 5) -> DBTaskResult:
    result = public_content_changed_task.enqueue(article_ids=[], reason="test")
    row = DBTaskResult.objects.get(pk=result.id)
    row.status = "RUNNING"
    row.worker_ids = worker_ids
    row.started_at = timezone.now() - datetime.timedelta(seconds=started_ago)
    row.save()
    return row


def test_a_dead_local_workers_task_is_requeued_and_a_live_ones_is_not(queue):
    host = socket.gethostname()[:40]
    lost = _claimed(queue, [f"{host}:{_dead_pid()}:abc"])
    # Started now: a task started before its worker process did counts as a
    # reused pid (dead), and this test process may be only seconds old.
    alive = _claimed(queue, [f"{host}:{os.getpid()}:def"], started_ago=0)
    assert requeue_lost_tasks() == (1, 0)
    lost.refresh_from_db()
    alive.refresh_from_db()
    assert (lost.status, lost.started_at) == ("READY", None)
    assert alive.status == "RUNNING"


def test_another_machines_task_is_requeued_only_when_stale(queue):
    recent = _claimed(queue, ["other-host:123:x"], started_ago=60)
    old = _claimed(queue, ["other-host:456:y"], started_ago=3 * 3600)
    assert requeue_lost_tasks(stale_after=datetime.timedelta(hours=2)) == (1, 0)
    recent.refresh_from_db()
    old.refresh_from_db()
    assert recent.status == "RUNNING" and old.status == "READY"


def test_a_task_that_keeps_killing_its_worker_is_failed_not_retried_for_ever(queue):
    host = socket.gethostname()[:40]
    dead = _dead_pid()
    row = _claimed(queue, [f"{host}:{dead}:{n}" for n in range(3)])
    assert requeue_lost_tasks(max_attempts=3) == (0, 1)
    row.refresh_from_db()
    assert row.status == "FAILED" and row.exception_class_path == "core.task_worker.WorkerLost"
    assert "died while running it, 3 times" in row.traceback


def test_the_command_reports_what_it_did(queue, capsys):
    _claimed(queue, [f"{socket.gethostname()[:40]}:{_dead_pid()}:z"])
    call_command("requeue_lost_tasks")
    assert "1 task(s) back in the queue, 0 marked failed" in capsys.readouterr().out


def test_worker_ids_say_where_the_worker_runs():
    host, pid, rand = new_worker_id().split(":")
    assert host == socket.gethostname()[:40] and pid == str(os.getpid()) and len(rand) == 8
