"""``manage.py db_worker``: django-tasks-db's worker, made safe to stop and kill.

This command takes the name of django-tasks-db's own (``core`` comes before
``django_tasks_db`` in INSTALLED_APPS), so every documented way of running
the worker gets it; the options are the same, plus ``--grace`` and
``--sweep-interval``. What it adds (core/task_worker.py):

* at start and every ``--sweep-interval`` seconds, tasks left RUNNING by a
  worker that died go back in the queue;
* before the first task it sends ``core.task_worker.worker_starting``, so
  an app can load what its tasks hold between runs (the recommendations
  worker loads its saved index);
* on SIGTERM/SIGINT the current task may finish for ``--grace`` seconds; then
  it is interrupted and put back in the queue (never left RUNNING, never
  marked failed for being stopped). A second signal interrupts it at once.
"""

from __future__ import annotations

import math
import os
import signal
import threading
from types import FrameType

from django.core.management.base import CommandError
from django.db import close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker, logger
from django_tasks_db.models import DBTaskResult

from core.task_worker import new_worker_id, requeue_interrupted, requeue_lost_tasks, worker_starting


class Stopping(BaseException):
    """Raised in a task the worker is stopping (SIGTERM past the grace time)."""


INTERRUPTIONS = (f"{__name__}.Stopping", "builtins.SystemExit", "builtins.KeyboardInterrupt")


class RecoveringWorker(Worker):
    def __init__(self, *, grace: float, sweep_interval: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.grace = grace
        self.sweep_interval = sweep_interval
        self._stop_sweeping = threading.Event()

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        if self.running and self.running_task:
            logger.warning("Received %s - the current task has %ss to finish", signal.strsignal(signum), self.grace)
            self.running = False
            signal.signal(signal.SIGALRM, self._interrupt)
            signal.alarm(max(1, math.ceil(self.grace)))
            return
        super().shutdown(signum, frame)

    def _interrupt(self, signum: int, frame: FrameType | None) -> None:
        raise Stopping("the worker is stopping")

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        finally:
            signal.alarm(0)
        if db_task_result.status == TaskResultStatus.FAILED and db_task_result.exception_class_path in INTERRUPTIONS:
            requeue_interrupted(db_task_result)

    def _sweep(self) -> None:
        try:
            requeued, failed = requeue_lost_tasks(keep_worker_id=self.worker_id)
            if requeued or failed:
                logger.warning("Tasks of dead workers: %s back in the queue, %s failed", requeued, failed)
        except Exception:
            logger.exception("Could not look for tasks of dead workers")

    def _sweep_forever(self) -> None:
        while not self._stop_sweeping.wait(self.sweep_interval):
            self._sweep()
            connections.close_all()

    def _prepare(self) -> None:
        try:
            worker_starting.send(sender=type(self), queue_names=list(self.queue_names))
        except Exception:
            # A preparation that fails is done by the first task instead.
            logger.exception("Could not prepare the worker before its first task")

    def run(self) -> None:
        close_old_connections()
        self._sweep()
        self._prepare()
        if self.sweep_interval and not self.batch:
            threading.Thread(target=self._sweep_forever, name="task-sweep", daemon=True).start()
        try:
            super().run()
        finally:
            self._stop_sweeping.set()


class Command(DBWorkerCommand):
    help = "Run a database background worker (tasks of dead workers are requeued; SIGTERM requeues after --grace)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=new_worker_id())
        parser.add_argument("--grace", type=float, default=20.0,
                            help="Seconds the current task may run on after SIGTERM before it is requeued (default: 20)")
        parser.add_argument("--sweep-interval", type=float, default=60.0,
                            help="Seconds between looks for tasks of dead workers (0: at start only; default: 60)")

    def handle(self, *, verbosity: int, queue_name: str, interval: float, batch: bool, backend_name: str,
               startup_delay: bool, reload: bool, max_tasks: int | None, worker_id: str, exclude_queues: str,
               grace: float, sweep_interval: float, **options) -> None:
        # As django-tasks-db's handle(), with this worker class.
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning("Warning: --reload and --batch cannot be specified together. Disabling autoreload.")
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = RecoveringWorker(
            queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id,
            excluded_queue_names=excluded, grace=grace, sweep_interval=sweep_interval,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
