from django.core.management.base import BaseCommand

from newsroom.workflow import TRASH_DAYS, purge_trash


class Command(BaseCommand):
    help = f"Delete for good the articles that have been in the trash longer than {TRASH_DAYS} days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=TRASH_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted.")

    def handle(self, *args, days: int = TRASH_DAYS, dry_run: bool = False, **options):
        titles = purge_trash(days=days, dry_run=dry_run)
        for title in titles:
            self.stdout.write(f"{'Would delete' if dry_run else 'Deleted'}: {title}")
        self.stdout.write(f"{len(titles)} article(s) {'would be ' if dry_run else ''}purged.")
