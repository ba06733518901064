from django.apps import AppConfig
from django.urls import register_converter

from core.urlconverters import TextConverter


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site core"

    def ready(self) -> None:
        # Before any URLconf is loaded (they load lazily, on the first request).
        register_converter(TextConverter, "text")
