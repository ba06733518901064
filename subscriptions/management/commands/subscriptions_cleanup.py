from django.core.management.base import BaseCommand

from subscriptions.tasks import cleanup_task, resend_queued_task


class Command(BaseCommand):
    help = ("Delete unconfirmed addresses and follows whose confirmation link has expired, and send anything "
            "left queued by a worker that stopped (both as tasks). Run it hourly or daily from cron.")

    def handle(self, *args, **options):
        cleanup = cleanup_task.enqueue()
        resend = resend_queued_task.enqueue()
        self.stdout.write(f"Clean-up enqueued (tasks {cleanup.id}, {resend.id}).")
