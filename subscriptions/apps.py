from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "Subscribers"

    def ready(self) -> None:
        # Imported here, not at module level: models are not loaded when the
        # AppConfig module is imported (Django's documented place for this).
        from . import checks, signals  # noqa: F401 (checks registers itself)

        signals.connect()
