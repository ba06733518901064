from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = "Recommendations"

    def ready(self) -> None:
        # Connects the receiver of articles' content_changed signal.
        from . import tasks  # noqa: F401
