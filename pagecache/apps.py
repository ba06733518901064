from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self) -> None:
        # Registers the eviction-policy system check.
        from . import checks  # noqa: F401
