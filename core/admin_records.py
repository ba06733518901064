"""Admin pieces for records nobody edits by hand (audit trails)."""

from __future__ import annotations


class RecordAdminMixin:
    """An audit trail is written by the services alone: listed and filtered
    in the admin, never added, changed or deleted there."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
