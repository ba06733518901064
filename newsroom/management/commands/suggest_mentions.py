"""Re-scan articles for mentions of followed entities, e.g. after adding
entities or aliases, or after an import that skipped it."""

from django.core.management.base import BaseCommand

from articles.models import Article
from newsroom.mentions import suggest_mentions_bulk


class Command(BaseCommand):
    help = "Refresh mention suggestions for all articles (or those given by id)."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Article ids; all articles when omitted.")

    def handle(self, *args, ids, **options):
        article_ids = ids or list(Article.objects.values_list("pk", flat=True))
        created = suggest_mentions_bulk(article_ids=article_ids)
        self.stdout.write(f"Scanned {len(article_ids)} article(s); {created} new suggestion(s).")
