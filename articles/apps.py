from django.apps import AppConfig

# The module, not the class: a second AppConfig class in this module's
# namespace would stop Django picking ArticlesConfig for "articles".
from taggit import apps as taggit_apps


class ArticlesConfig(AppConfig):
    # Explicitly the default: this module also holds TopicsConfig and the
    # imported TaggitAppConfig, and with several candidates Django would
    # otherwise fall back to a plain AppConfig and never call ready().
    default = True
    name = "articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        from . import page_cache, visibility

        page_cache.register()
        visibility.register()
        # Connects the old-slug redirect receivers; in ready() because they
        # need loaded models.
        from . import slugs  # noqa: F401


class TopicsConfig(taggit_apps.TaggitAppConfig):
    """django-taggit's tags, which readers know as topics; named so in the
    admin (taggit calls itself "Taggit"). In INSTALLED_APPS by full path."""

    default = False
    verbose_name = "Topics"
