from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Connects the receivers; in ready() because they need loaded models.
        from . import signals  # noqa: F401
