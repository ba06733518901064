"""The desk's other lists: the audit trail across articles, the trash,
redirects, corrections and tags."""

from __future__ import annotations

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from taggit.models import Tag

from articles.models import Article, ArticleRedirect, Correction, TrashedArticle
from core.admin_records import RecordAdminMixin
from core.admin_widgets import SafeAutocompleteAdminMixin

from . import trash, workflow
from .admin_corrections import CorrectionAccessMixin
from .admin_tags import TagHygieneAdminMixin
from .models import AuditEntry
from .permissions import is_editor


@admin.register(AuditEntry)
class AuditEntryAdmin(RecordAdminMixin, admin.ModelAdmin):
    """The audit trail across all articles, filterable (editors)."""

    list_display = ["created_at", "article_link", "action", "user", "from_state", "to_state", "comment",
                    "override_reason"]
    list_filter = ["action", "user", "created_at", "to_state"]
    list_select_related = ["user", "article"]
    search_fields = ["article_title", "comment", "override_reason", "user__username"]
    date_hierarchy = "created_at"

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # The article page links here for its full trail.
        return lookup == "article__id__exact" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="Article", ordering="article_title")
    def article_link(self, obj: AuditEntry):
        if obj.article_id and obj.article.deleted_at is None:
            return format_html('<a href="{}">{}</a>',
                               reverse("admin:articles_article_change", args=[obj.article_id]), obj.article_title)
        return obj.article_title


@admin.register(TrashedArticle)
class TrashAdmin(admin.ModelAdmin):
    """Deleted articles: restore within the trash period, then purged by
    ``manage.py purge_trash``."""

    list_display = ["title", "status", "deleted_at", "deleted_by", "purged_on"]
    list_select_related = ["deleted_by"]
    search_fields = ["title"]
    actions = ["restore_selected"]
    fields = ["title", "status", "published_at", "deleted_at", "deleted_by", "standfirst"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).filter(deleted_at__isnull=False)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return is_editor(request.user) and super().has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_editor(request.user) and super().has_delete_permission(request, obj)

    def has_restore_permission(self, request) -> bool:
        return is_editor(request.user)

    @admin.display(description="Purged on")
    def purged_on(self, obj: Article):
        return timezone.localtime(obj.deleted_at + datetime.timedelta(days=trash.TRASH_DAYS)).date()

    @admin.action(description="Restore selected articles", permissions=["restore"])
    def restore_selected(self, request, queryset):
        for article in queryset.order_by("pk"):
            try:
                trash.article_restore(article=article, user=request.user)
            except (workflow.WorkflowError, PermissionDenied) as exc:
                self.message_user(request, f"“{article.title}” was not restored: {exc}", messages.ERROR)
            else:
                restored = Article.objects.get(pk=article.pk)
                note = (" It is not on the site: it was public before it was trashed, so it comes back "
                        "archived; publish it again to put it back." if restored.status == Article.Status.ARCHIVED
                        else "")
                self.message_user(request, f"“{article.title}” was restored as {restored.get_status_display()}.{note}",
                                  messages.SUCCESS)


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(SafeAutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ["old_path", "article", "created_at"]
    search_fields = ["old_path", "article__title"]
    autocomplete_fields = ["article"]


@admin.register(Correction)
class CorrectionAdmin(CorrectionAccessMixin, SafeAutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ["article", "kind", "created_at", "created_by"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title", "text"]
    autocomplete_fields = ["article"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # added from the article's Corrections panel


# taggit registers Tag with no search, which autocomplete needs.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TagHygieneAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    ordering = ["name"]
