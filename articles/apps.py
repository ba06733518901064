from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        from . import page_cache, visibility

        page_cache.register()
        visibility.register()
        # Connects the old-slug redirect receivers; in ready() because they
        # need loaded models.
        from . import slugs  # noqa: F401
