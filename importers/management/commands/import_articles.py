from importers.command import ImportCommand
from importers.jsonl import JsonlSource


class Command(ImportCommand):
    help = (
        "Import articles from a JSON Lines file (one article per line; format in docs/import-export.md). "
        "Safe to run again: articles are matched by source_id, else source_url, else slug."
    )
    unit = "line"

    def make_source(self, path: str) -> JsonlSource:
        return JsonlSource(path)
