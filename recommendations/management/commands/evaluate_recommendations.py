from django.core.management.base import BaseCommand, CommandError

from recommendations.evaluation import evaluate, read_jsonl


class Command(BaseCommand):
    help = (
        "Precision@k and coverage of the recommendations on a JSON Lines file of labelled articles, "
        "against random picks and shared-tags-only. The database is left as it was unless --keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines: one article per line with a 'labels' list")
        parser.add_argument("--k", type=int, default=5, help="list length to score (default 5)")
        parser.add_argument("--no-tags", action="store_true", help="ignore the file's tags (text and entities only)")
        parser.add_argument("--keep", action="store_true", help="keep the imported articles in the database")
        parser.add_argument("--with-existing", action="store_true",
                            help="also recommend the articles already in the database")

    def handle(self, *args, file, k, no_tags, keep, with_existing, **options):
        if k < 1:
            raise CommandError("--k must be at least 1")
        try:
            read_jsonl(file)
        except (OSError, ValueError) as exc:
            raise CommandError(f"{file}: {exc}") from None
        results = evaluate(file, k=k, with_tags=not no_tags, keep=keep, only_corpus=not with_existing)
        self.stdout.write(f"{'method':<18} {'precision@' + str(k):>12} {'coverage':>9}  articles")
        for r in results:
            self.stdout.write(f"{r.name:<18} {r.precision:>12.3f} {r.coverage:>9.1%}  {r.articles}")
