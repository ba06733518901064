from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        # Imported here, not at module level: models are not loaded when the
        # AppConfig module is imported (Django's documented place for this).
        from articles.signals import content_changed

        from .clock import on_content_changed
        from .revisions import register_models
        from .roles import sync_after_migrate

        register_models()
        # The Writers and Editors groups follow roles.py after every migrate
        # (and after a test flush), so a fresh database gets them too.
        post_migrate.connect(sync_after_migrate, dispatch_uid="newsroom_sync_editorial_groups")
        # Go-live and expiry on the audit trail, when the task that runs at
        # those moments announces them.
        content_changed.connect(on_content_changed, dispatch_uid="newsroom_clock_moments")
