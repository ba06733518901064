from django.core.management.base import BaseCommand
from django_tasks import TaskResultStatus

from newsroom.tasks import purge_trash_task
from newsroom.trash import TRASH_DAYS, purge_trash


class Command(BaseCommand):
    help = (
        f"Delete for good the articles that have been in the trash longer than {TRASH_DAYS} days "
        "(the deletion runs as a task; --dry-run lists them here)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=TRASH_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted.")

    def handle(self, *args, days: int = TRASH_DAYS, dry_run: bool = False, **options):
        if dry_run:
            titles = purge_trash(days=days, dry_run=True)
            for title in titles:
                self.stdout.write(f"Would delete: {title}")
            self.stdout.write(f"{len(titles)} article(s) would be purged.")
            return
        result = purge_trash_task.enqueue(days=days)
        if result.status != TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Purge enqueued for the task worker (task {result.id}).")
            return
        for title in result.return_value:
            self.stdout.write(f"Deleted: {title}")
        self.stdout.write(f"{len(result.return_value)} article(s) purged.")
