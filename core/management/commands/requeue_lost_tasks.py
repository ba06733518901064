"""``manage.py requeue_lost_tasks``: tasks left RUNNING by a dead worker go back in the queue.

The worker does this itself at start and every minute (core/task_worker.py);
this is for workers on other machines, which only the clock can judge:
``--older-than`` seconds RUNNING (default ``TASKS_STALE_AFTER``) counts as
lost there.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand

from core.task_worker import requeue_lost_tasks


class Command(BaseCommand):
    help = "Requeue tasks whose worker died (fail those lost TASKS_MAX_ATTEMPTS times)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--older-than", type=int, default=None,
                            help="seconds RUNNING after which a task of another machine's worker counts as lost")

    def handle(self, *args, older_than: int | None = None, **options) -> None:
        stale = None if older_than is None else datetime.timedelta(seconds=older_than)
        requeued, failed = requeue_lost_tasks(stale_after=stale)
        self.stdout.write(f"{requeued} task(s) back in the queue, {failed} marked failed")
