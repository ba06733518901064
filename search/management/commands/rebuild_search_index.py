"""Rebuild every article's search document (after migrating, or to repair)."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from articles.models import Article
from search.documents import INDEX_CHUNK, search_index_update
from search.models import ArticleSearchDocument
from search.vocabulary import vocabulary_rebuild


class Command(BaseCommand):
    help = "Rebuild the search documents of all articles (or of the given ids)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Only these article ids.")
        parser.add_argument(
            "--vocabulary-only", action="store_true",
            help="Only count the spelling vocabulary again from the stored documents (fast; after migrating).",
        )

    def handle(self, *args, ids: list[int], vocabulary_only: bool = False, **options) -> None:
        started = time.perf_counter()
        if vocabulary_only:
            words = vocabulary_rebuild()
            self.stdout.write(f"Counted {words} word(s) in {time.perf_counter() - started:.1f}s.")
            return
        wanted = ids or list(Article.objects.order_by("pk").values_list("pk", flat=True))
        written = 0
        for start in range(0, len(wanted), INDEX_CHUNK):
            written += search_index_update(article_ids=wanted[start : start + INDEX_CHUNK])
        if not ids:
            # Documents of articles deleted without signals (raw SQL) go too.
            ArticleSearchDocument.objects.exclude(article_id__in=Article.objects.values("pk")).delete()
            # Counted afresh, so drift (an article whose visibility changed
            # with the clock) cannot outlive a rebuild.
            vocabulary_rebuild()
            if connection.vendor == "postgresql":
                # Fresh statistics on the vectors: the planner needs them to
                # see that a broad query matches most articles (and walk the
                # newest first), and search's "about N results" is its estimate.
                table = connection.ops.quote_name(ArticleSearchDocument._meta.db_table)
                with connection.cursor() as cursor:
                    cursor.execute(f"ANALYZE {table}")
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Indexed {written} article(s) in {elapsed:.1f}s.")
