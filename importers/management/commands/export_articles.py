import os
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from importers.jsonl import write_jsonl


class Command(BaseCommand):
    help = (
        "Write every article (all statuses; --published-only for what readers see) as JSON Lines "
        "to standard output or to -o FILE. import_articles reads it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", help="Write to this file instead of standard output.")
        parser.add_argument("--published-only", action="store_true", help="Only articles readers can see now.")
        parser.add_argument("--chunk-size", type=int, default=500, help="Articles fetched per query (default 500).")

    def handle(self, *args, **options) -> None:
        if options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be at least 1")
        kwargs = {"published_only": options["published_only"], "chunk_size": options["chunk_size"]}
        if options["output"]:
            try:
                with open(options["output"], "w", encoding="utf-8", newline="\n") as out:
                    count = write_jsonl(out, **kwargs)
            except OSError as exc:
                raise CommandError(f"cannot write {options['output']}: {exc.strerror}") from None
        else:
            out = self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout
            try:
                count = write_jsonl(out, **kwargs)
                out.flush()
            except BrokenPipeError:  # `export_articles | head`: the reader has gone, nothing is wrong
                sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (silence the interpreter's flush at exit)
                return
        self.stderr.write(f"Exported {count:,} articles.")
