from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from . import page_cache
        from .revisions import register_models

        register_models()
        page_cache.register()
        from . import (
            search_signals,  # noqa: F401  (connects the receivers)
            slugs,  # noqa: F401  (connects the old-slug redirect receivers)
        )
