"""The real queue for tests about it: the backend TASKS_BACKEND names (the
database by default, Redis with TASKS_BACKEND=rq), and a worker run in this
process until the queue is empty."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command


def queue_backend() -> str:
    return settings.TASKS_QUEUE["default"]["BACKEND"]


def using_rq() -> bool:
    return queue_backend().startswith("django_tasks_rq")


def run_worker() -> None:
    """Run every task that is due, on every queue, then return (what the
    ``db_worker`` or ``rqworker`` processes do forever in production)."""
    if using_rq():
        import django_rq

        # In this process (no forked work horse), so the job sees the test
        # database, which may live in this process's memory.
        worker = django_rq.get_worker(*settings.RQ_QUEUES, job_class="django_tasks_rq.Job", worker_class="rq.SimpleWorker")
        worker.work(burst=True, with_scheduler=True)
    else:
        call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload", verbosity=0)
