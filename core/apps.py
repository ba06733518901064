from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site core"

    def ready(self) -> None:
        from .cache import connect_signals

        connect_signals()
