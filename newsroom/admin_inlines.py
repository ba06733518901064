"""The inlines of the article admin's change form: byline, corrections,
unpublished changes and kept texts, and the latest audit entries."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from articles.models import ArticleAuthor, Correction
from core.admin_widgets import SafeAutocompleteAdminMixin

from .models import AuditEntry, PendingChange
from .permissions import can_view


class ArticleAuthorInline(SafeAutocompleteAdminMixin, admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline author"
    verbose_name_plural = "byline"

    def get_queryset(self, request):
        # Each row is headed by "<author> on <article>": one query, not two a row.
        return super().get_queryset(request).select_related("author", "article")


class CorrectionInline(admin.StackedInline):
    # Notes are added from the Corrections panel (newsroom/corrections.py),
    # which ties each to a revision and refreshes public pages.
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["kind", "text", "created_at", "created_by"]

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        # Writers read the editor's comments on their own articles. Django
        # also asks without an object when building the inline's queryset.
        if obj is None:
            return request.user.has_perm("articles.view_article")
        return can_view(request.user, obj)


class LatestAuditFormSet(forms.BaseInlineFormSet):
    """Only the latest entries: an article saved daily for years must not
    render thousands of rows. The full trail is one click away."""

    LIMIT = 20

    def get_queryset(self):
        if not hasattr(self, "_latest"):
            self._latest = super().get_queryset().select_related("user").order_by("-created_at", "-id")[:self.LIMIT]
        return self._latest


class AuditEntryInline(ReadOnlyInline):
    model = AuditEntry
    fk_name = "article"
    formset = LatestAuditFormSet
    verbose_name_plural = "audit trail (latest 20)"
    fields = ["created_at", "user", "action", "from_state", "to_state", "comment", "override_reason", "changed"]
    readonly_fields = fields

    @admin.display(description="Changed")
    def changed(self, obj: AuditEntry) -> str:
        return ", ".join(obj.changed_fields or []) or "—"


class PendingChangeInline(ReadOnlyInline):
    model = PendingChange

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    verbose_name = "kept text"
    verbose_name_plural = "unpublished changes and texts kept from refused saves"
    template = "admin/articles/article/kept_texts_inline.html"  # hidden when empty
    fields = ["kind", "created_by", "updated_at", "base_version", "text"]
    readonly_fields = fields

    @admin.display(description="Text")
    def text(self, obj: PendingChange):
        return format_html(
            "<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", sorted(obj.data.items()))
        )
