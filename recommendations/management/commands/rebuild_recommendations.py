from django.core.management.base import BaseCommand

from recommendations.tasks import rebuild_related_lists


class Command(BaseCommand):
    help = (
        "Recompute every published article's 'You Might Also Like' list (pinned picks are kept). "
        "Lists refresh on their own when articles change; this is for repairs and after large imports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Leave the rebuild to the task worker instead of running it here.")

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            result = rebuild_related_lists.enqueue()
            self.stdout.write(f"Enqueued the rebuild (task {result.id}).")
            return
        result = rebuild_related_lists.call()
        self.stdout.write(
            f"Rebuilt related lists of {result['articles']} articles ({result['stored']} entries) "
            f"in {result['seconds']:.1f}s."
        )
