from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from . import slugs  # noqa: F401  (connects the old-slug redirect receivers)
