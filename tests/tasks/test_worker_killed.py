"""A task whose worker is killed or stopped mid-task is not lost: a real
``manage.py db_worker`` process (tasks on a scratch database of its own) is
SIGKILLed or SIGTERMed while it runs the "public content changed" task, and
the task runs again to the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.tasks.queue_support import using_rq

# The database queue's own worker (core/task_worker.py); RQ has its own
# recovery of dead workers' jobs (docs/scale-out.md).
pytestmark = pytest.mark.skipif(using_rq(), reason="about the database queue's worker, not RQ")

ROOT = Path(__file__).resolve().parents[2]

# A real worker whose tasks take SECONDS longer to start (a hook on
# django-tasks' task_started signal), so a test can stop it mid-task.
SLOW_WORKER = """
import sys, time, django
django.setup()
from django.core.management import call_command
from django_tasks.signals import task_started
def slow(sender, task_result, **kw):
    print("STARTED", task_result.id, flush=True)
    time.sleep(float(sys.argv[1]))
task_started.connect(slow, weak=False)
call_command("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2", *sys.argv[2:])
"""

ENQUEUE = """
import django
django.setup()
from articles.tasks import public_content_changed_task
from tests.factories import make_article
article = make_article("Edited before the worker died")
# Ahead of the tasks make_article queued itself.
print(public_content_changed_task.using(priority=10).enqueue(article_ids=[article.pk], reason="test").id)
"""

STATUS = """
import sys, django
django.setup()
from django_tasks_db.models import DBTaskResult
r = DBTaskResult.objects.get(pk=sys.argv[1])
print(r.status, len(r.worker_ids), r.exception_class_path or "-", r.return_value)
"""


@pytest.fixture(scope="module")
def scratch_env(tmp_path_factory, django_db_setup, django_db_blocker):
    """Settings for subprocesses: the real database queue in a scratch
    database (SQLite file, or a PostgreSQL database beside the test one).
    After ``django_db_setup``: on PostgreSQL it connects to the test
    database, which does not exist until that has run."""
    tmp_path = tmp_path_factory.mktemp("worker")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.tasks.worker_settings", "MEDIA_ROOT": str(tmp_path / "m")}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    drop = None
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        name = f"{params['NAME']}_worker"
        base = f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
        with django_db_blocker.unblock(), connection.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{base}/{name}"
        drop = name
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'queue.sqlite3'}"
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300,
                   capture_output=True)
    yield env
    if drop:
        with django_db_blocker.unblock():
            with connection.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{drop}" WITH (FORCE)')
            # Opened outside any test: left open, it is "another session" on
            # the test database when pytest-django drops that at the end.
            connection.close()


def _py(env: dict, script: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env, check=True, timeout=120,
                          capture_output=True, text=True).stdout.strip()


def _start_worker(env: dict, delay: float, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SLOW_WORKER, str(delay), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _wait_until_running(worker: subprocess.Popen, task_id: str) -> None:
    """Until the worker's hook says it started the task."""
    seen = []
    for line in worker.stdout:
        seen.append(line)
        if line.startswith("STARTED") and task_id.replace("-", "") in line.replace("-", ""):
            return
    raise AssertionError("the worker never started the task: " + "".join(seen))


def _run_queue(env: dict) -> None:
    """A fresh worker, as a supervisor (or bin/demo's loop) restarts it."""
    subprocess.run([sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
                   cwd=ROOT, env=env, check=True, timeout=120, capture_output=True)


def test_a_task_whose_worker_was_killed_runs_again(scratch_env):
    task_id = _py(scratch_env, ENQUEUE)
    worker = _start_worker(scratch_env, 60)
    try:
        _wait_until_running(worker, task_id)
        assert _py(scratch_env, STATUS, task_id).startswith("RUNNING 1")
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        worker.kill()
    assert _py(scratch_env, STATUS, task_id).startswith("RUNNING")  # what django-tasks-db alone leaves
    _run_queue(scratch_env)
    done = _py(scratch_env, STATUS, task_id)
    assert done.startswith("SUCCESSFUL 2"), done
    assert "'articles': 1" in done


def test_sigterm_past_the_grace_time_puts_the_task_back_in_the_queue(scratch_env):
    task_id = _py(scratch_env, ENQUEUE)
    worker = _start_worker(scratch_env, 60, "--grace", "1")
    try:
        _wait_until_running(worker, task_id)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(15) == 0, worker.stdout.read()
    finally:
        worker.kill()
    assert _py(scratch_env, STATUS, task_id).startswith("READY 1 -")
    _run_queue(scratch_env)
    assert _py(scratch_env, STATUS, task_id).startswith("SUCCESSFUL 2")


def test_sigterm_within_the_grace_time_lets_the_task_finish(scratch_env):
    task_id = _py(scratch_env, ENQUEUE)
    worker = _start_worker(scratch_env, 2, "--grace", "30")
    try:
        _wait_until_running(worker, task_id)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0
    finally:
        worker.kill()
    assert _py(scratch_env, STATUS, task_id).startswith("SUCCESSFUL 1")
