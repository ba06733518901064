import sys
import time

from django.core.management.base import BaseCommand

from articles.recommendations import rebuild_all, refresh_pending


class Command(BaseCommand):
    help = "Recompute every published article's 'You Might Also Like' list (pinned picks are kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pending", action="store_true",
            help="Only refresh the lists that web workers deferred (run it every minute or so on a large archive).",
        )

    def handle(self, *args, **options):
        if options["pending"]:
            from articles.events import recommendations_refreshed

            result = refresh_pending()
            recommendations_refreshed(article_ids=result.get("article_ids", []))
            self.stdout.write(f"Refreshed {result.get('refreshed', 0)} related lists.")
            return
        tty = sys.stdout.isatty() and options.get("stdout") is None
        started = time.perf_counter()
        last = {"stage": None, "at": 0.0}

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            line = f"{stage}: {done}/{total} ({now - started:.0f}s)" if total else f"{stage} ({now - started:.0f}s)"
            if tty:
                self.stdout.write(f"\r{line:<70}", ending="")
                self.stdout.flush()
            elif stage != last["stage"] or now - last["at"] > 10 or done == total:
                self.stdout.write(line)
            last.update(stage=stage, at=now)

        result = rebuild_all(progress=progress)
        if tty:
            self.stdout.write("")
        self.stdout.write(
            f"Rebuilt related lists of {result['articles']} articles ({result['stored']} entries) "
            f"in {result['total']:.1f}s: load {result['load']:.1f}s, vectorize {result['vectorize']:.1f}s, "
            f"neighbours {result['neighbours']:.1f}s, rank and store {result['rank_and_store']:.1f}s; "
            f"{result['cpu']:.1f}s of CPU in this process"
        )
