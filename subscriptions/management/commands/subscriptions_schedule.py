from django.core.management.base import BaseCommand

from subscriptions.tasks import seed_schedule


class Command(BaseCommand):
    help = ("Start the daily and weekly digests and the hourly clean-up as self-rescheduling tasks on the task "
            "queue (no cron needed; the worker runs them). Safe to run at every start: a running chain is left "
            "alone, a lost one is started again. Sites that prefer cron run send_digests and "
            "subscriptions_cleanup instead.")

    def handle(self, *args, **options):
        for job, state in seed_schedule().items():
            self.stdout.write(f"{job}: {state}")
