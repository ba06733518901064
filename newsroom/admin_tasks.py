"""The task queue in the admin: queued, running and failed tasks with their
errors, and a "Retry" action for failed ones.

django-tasks-db ships a read-only admin for its results; this one adds the
error to the list, a filter per state and the retry action."""

from __future__ import annotations

import django_tasks_db.admin  # noqa: F401  (registers DBTaskResult first, to be replaced here)
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django_tasks import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = ("task_name", "status", "error", "enqueued_at", "run_after_display", "started_at",
                    "finished_at", "queue_name")
    list_filter = ("status", "queue_name")
    search_fields = ("task_path", "exception_class_path")
    actions = ["retry"]

    @admin.display(description="error")
    def error(self, obj: DBTaskResult) -> str:
        if obj.status != TaskResultStatus.FAILED:
            return ""
        last = (obj.traceback or "").strip().splitlines()
        return last[-1][:200] if last else obj.exception_class_path

    @admin.display(description="run after")
    def run_after_display(self, obj: DBTaskResult):
        return self.display_run_after(obj)

    def has_change_permission(self, request: HttpRequest, obj: DBTaskResult | None = None) -> bool:
        # Viewing and the retry action; every field stays read-only.
        return request.user.is_active and request.user.is_staff and request.user.has_perm(
            "django_tasks_database.change_dbtaskresult")

    @admin.action(description="Retry the selected failed tasks", permissions=["change"])
    def retry(self, request: HttpRequest, queryset: QuerySet[DBTaskResult]) -> None:
        """Enqueue each failed task again with the same arguments (a new
        result row; the failed one stays as the record of what went wrong)."""
        retried = 0
        for failed in queryset.filter(status=TaskResultStatus.FAILED):
            failed.task.enqueue(*failed.args_kwargs["args"], **failed.args_kwargs["kwargs"])
            retried += 1
        skipped = queryset.count() - retried
        self.message_user(request, f"{retried} task(s) enqueued again.", messages.SUCCESS)
        if skipped:
            self.message_user(request, f"{skipped} task(s) had not failed and were left alone.", messages.WARNING)
