from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Connects the receivers; in ready() because they need loaded models.
        from pagecache.dependencies import track

        from . import signals  # noqa: F401
        from .models import SynonymGroup

        # An edited synonym group changes what searches find: cached search
        # pages (which depend on "lists") go stale with it.
        track(SynonymGroup, kind="synonyms", collect=False)
