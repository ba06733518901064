from django.core.management.base import BaseCommand

from newsroom.workflow import publish_due_scheduled


class Command(BaseCommand):
    help = (
        "Store 'published' on scheduled articles whose time has come, with an audit entry each. "
        "Not needed for visibility (decided at read time); for deployments that want the state stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what is due without changing it.")

    def handle(self, *args, dry_run: bool = False, **options):
        articles = publish_due_scheduled(dry_run=dry_run)
        verb = "Due" if dry_run else "Published"
        for article in articles:
            self.stdout.write(f"{verb}: {article.title} (scheduled for {article.published_at:%Y-%m-%d %H:%M %Z})")
        self.stdout.write(f"{len(articles)} article(s) {'due' if dry_run else 'published'}.")
