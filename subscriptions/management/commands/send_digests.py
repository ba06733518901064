from django.core.management.base import BaseCommand, CommandError

from subscriptions.models import Rhythm
from subscriptions.tasks import queue_digest_task


class Command(BaseCommand):
    help = ("Queue today's daily (or this week's weekly) digest for the task worker: one delivery per reader "
            "with something new, then the sends. Run it from cron once a day (weekly: once a week); running it "
            "again the same day sends nobody a second copy.")

    def add_arguments(self, parser):
        parser.add_argument("rhythm", choices=[Rhythm.DAILY, Rhythm.WEEKLY])

    def handle(self, *args, rhythm: str, **options):
        if rhythm not in (Rhythm.DAILY, Rhythm.WEEKLY):
            raise CommandError("rhythm must be daily or weekly")
        result = queue_digest_task.enqueue(rhythm=rhythm)
        self.stdout.write(f"{rhythm} digest enqueued (task {result.id}, {result.status}).")
