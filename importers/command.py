"""What the import commands share: arguments, the format check, progress and
the summary."""

from __future__ import annotations

import argparse
import os

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks import TaskResultStatus

from .body_images import download_body_images_task
from .media import download_featured_images_task, report_from_result
from .progress import Progress
from .records import NotThisFormat
from .service import import_records


class ImportCommand(BaseCommand):
    """Base for ``import_wordpress`` and ``import_articles``.

    Exit status: 0 when the file was read to the end or to where it breaks,
    even if some records failed (they are listed in the summary; use
    ``--fail-on-error`` to get status 1 then); 1 with a single message when
    the file is not of the expected format at all."""

    unit = "record"
    can_download_media = False

    def make_source(self, path: str):
        raise NotImplementedError

    def after_import(self, source) -> list[str]:
        """What a format imports beside its records (WordPress: pages,
        menus, old addresses); the report's lines."""
        return []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The file to import.")
        parser.add_argument("--batch-size", type=int, default=200, help="Records per transaction (default 200).")
        parser.add_argument("--no-progress", action="store_true", help="Do not show progress.")
        parser.add_argument(
            "--fail-on-error", action="store_true",
            help="Exit with status 1 if any record failed (the others are still imported).",
        )
        if self.can_download_media:
            # On by default: a body image left on the old host is blocked by the
            # site's Content-Security-Policy, so a story would show it broken.
            parser.add_argument(
                "--download-media", action=argparse.BooleanOptionalAction, default=True,
                help="Fetch the featured, body and attachment images from the old site into the image "
                     "library, in the task worker (default; --no-download-media keeps only their URLs).",
            )
            parser.add_argument("--media-timeout", type=float, default=5.0,
                                help="Seconds allowed per image download (default 5).")

    def handle(self, *args, **options) -> None:
        path = options["path"]
        if not os.path.isfile(path):
            raise CommandError(f"{path}: no such file")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        source = self.make_source(path)
        try:
            source.check_format()
        except NotThisFormat as exc:
            raise CommandError(str(exc)) from None
        progress = None if options["no_progress"] else Progress(self.stderr._out, source)
        latest: list = []

        def on_batch(summary) -> None:
            latest[:] = [summary]
            if progress:
                progress(summary)

        try:
            summary = import_records(
                records=source, source=os.path.basename(path), batch_size=options["batch_size"], progress=on_batch
            )
        except KeyboardInterrupt:
            if latest:
                self.stdout.write("\n".join(latest[0].report_lines(self.unit)))
            raise CommandError(
                "Interrupted. The batches written so far are kept; run the same command again to finish "
                "(records already imported are matched, not duplicated)."
            ) from None
        if progress:
            progress.finish(summary)
        for line in summary.report_lines(self.unit):
            self.stdout.write(line)
        for line in self.after_import(source):
            self.stdout.write(line)
        if options.get("download_media"):
            # Images in the bodies: fetched, stored and rewritten in the worker, failures retried.
            body = download_body_images_task.enqueue(
                article_ids=summary.created_ids + summary.updated_ids, timeout=options["media_timeout"]
            )
            if body.status == TaskResultStatus.SUCCESSFUL:
                value = body.return_value
                self.stdout.write(f"  body images downloaded: {value['downloaded']:,}, failed: {len(value['failed']):,}")
                if value.get("library") or value.get("placed"):
                    self.stdout.write(f"  attachments into the image library: {value.get('library', 0):,} made, "
                                      f"{value.get('placed', 0):,} body images placed from it")
                for url, reason in value["failed"]:
                    self.stdout.write(f"    {url}: {reason}" + (" (removed from the body)" if url in value["given_up"]
                                                                  else " (will be retried)"))
            else:
                self.stdout.write(f"  body image downloads queued for the task worker (task {body.id})")
            queued = download_featured_images_task.enqueue(
                article_ids=summary.created_ids + summary.updated_ids, timeout=options["media_timeout"]
            )
            if queued.status == TaskResultStatus.SUCCESSFUL:  # TASKS_BACKEND=immediate: it ran here
                for line in report_from_result(queued.return_value).report_lines():
                    self.stdout.write(line)
            elif queued.status == TaskResultStatus.FAILED:
                self.stdout.write("  media downloads failed (see the log); run the import again to retry them")
            else:
                self.stdout.write(f"  media downloads queued for the task worker (task {queued.id})")
        if summary.failed and options["fail_on_error"]:
            raise CommandError(f"{len(summary.failed)} {self.unit}(s) failed; the others were imported")
