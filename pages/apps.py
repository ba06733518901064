from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages and navigation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import moved, navigation, page_cache, public, revisions

        revisions.register_models()
        page_cache.register()
        navigation.connect_signals()
        moved.connect_signals()
        public.register()
