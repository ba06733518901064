"""Pages, the menus, the masthead and redirects in the admin. Every write
goes through pages.services; the change form has the workflow buttons, the
revision list (diff and revert) and its share links (made and revoked on
their own admin page). An edit of a published page shows, and saves into,
its pending change until an editor publishes it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.models import Version

from core.admin_records import RecordAdminMixin
from core.admin_widgets import RichTextAdminMixin

from .admin_forms import PageForm
from .models import MastheadEntry, Menu, MenuItem, Page, PageAuditEntry, PagePendingChange, Redirect
from .pending import pending_of, with_pending
from .previews import create_preview_link, link_path, revoke_preview_link
from .revisions import page_diff, page_versions
from .services import LABELS, TRANSITIONS, allowed_transitions, page_revert, page_save, page_transition


class AuditInline(admin.TabularInline):
    model = PageAuditEntry
    fields = ["created_at", "user", "action", "from_state", "to_state", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Audit trail"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, admin.ModelAdmin):
    form = PageForm
    list_display = ["title", "path", "status", "unpublished_changes", "published_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "path", "body"]
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ["status", "published_at", "needs_attention", "preview_link", "revisions_link"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "standfirst", "body"]}),
        ("Masthead", {"fields": ["lists_staff"]}),
        ("Search and sharing", {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
        ("State", {"fields": ["status", "published_at", "needs_attention", "preview_link", "revisions_link"]}),
    ]
    inlines = [AuditInline]
    change_form_template = "admin/pages/page/change_form.html"

    def get_queryset(self, request):
        pending = PagePendingChange.objects.filter(page=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_pending=Exists(pending))

    @admin.display(description="Unpublished changes", boolean=True, ordering="has_pending")
    def unpublished_changes(self, obj: Page) -> bool:
        return bool(getattr(obj, "has_pending", False))

    @admin.display(description="Share links")
    def preview_link(self, obj: Page) -> str:
        if not obj.pk:
            return "-"
        active = sum(1 for link in obj.preview_links.all() if link.is_active())
        return format_html('<a href="{}">Preview links: make one, or revoke ({} active)</a>',
                           reverse("admin:pages_page_preview_links", args=[obj.pk]), active)

    def get_object(self, request, object_id, from_field=None):
        # The form shows (and saves into) a published page's pending change.
        page = super().get_object(request, object_id, from_field)
        return with_pending(page) if page is not None else None

    @admin.display(description="Revisions")
    def revisions_link(self, obj: Page) -> str:
        if not obj.pk:
            return "-"
        return format_html('<a href="{}">Revisions: compare and revert</a>',
                           reverse("admin:pages_page_revisions", args=[obj.pk]))

    def save_model(self, request: HttpRequest, obj: Page, form, change: bool) -> None:
        page_save(page=obj, user=request.user, changed=form.changed_data)
        name = request.POST.get("_transition")
        if change and name not in TRANSITIONS and pending_of(obj) is not None:
            messages.info(request, "The page is published: your changes are saved but not on the site until an "
                                   "editor publishes them (Publish changes).")
        if name in TRANSITIONS:
            try:
                page_transition(page=obj, user=request.user, name=name)
            except PermissionDenied as exc:
                messages.error(request, str(exc))
            obj.refresh_from_db()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        page = self.get_object(request, object_id)
        extra = {"transitions": [(n, LABELS[n]) for n in allowed_transitions(request.user, page)] if page else [],
                 "has_pending": page is not None and pending_of(page) is not None}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def add_view(self, request, form_url="", extra_context=None):
        transitions = [(n, f"Save and {n}") for n in ("submit", "publish")
                       if n != "publish" or request.user.has_perm("pages.publish_page")]
        return super().add_view(request, form_url, {**(extra_context or {}), "transitions": transitions})

    def get_urls(self):
        return [
            path("<int:pk>/revisions/", self.admin_site.admin_view(self.revisions_view), name="pages_page_revisions"),
            path("<int:pk>/preview-links/", self.admin_site.admin_view(self.preview_links_view),
                 name="pages_page_preview_links"),
            *super().get_urls(),
        ]

    def revisions_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        page = get_object_or_404(Page, pk=pk)
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        versions = list(page_versions(page))
        if request.method == "POST":
            if not self.has_change_permission(request, page):
                raise PermissionDenied
            version = get_object_or_404(Version, pk=request.POST.get("revert"), object_id=str(page.pk))
            page_revert(page=page, version=version, user=request.user)
            messages.success(request, "The page was reverted to that revision (a new revision records it).")
            return HttpResponseRedirect(reverse("admin:pages_page_revisions", args=[page.pk]))
        chosen = next((v for v in versions if str(v.pk) == request.GET.get("compare")), None)
        edited = with_pending(Page.objects.get(pk=page.pk)) if pending_of(page) is not None else None
        context = {
            "pending_diff": page_diff(page, edited) if edited is not None else None,
            **self.admin_site.each_context(request), "opts": self.opts, "original": page, "page_obj": page,
            "versions": versions, "chosen": chosen, "title": f"Revisions of “{page.title}”",
            "diff": page_diff(chosen, page) if chosen else None,
            "can_change": self.has_change_permission(request, page),
        }
        return TemplateResponse(request, "admin/pages/page/revisions.html", context)


    def preview_links_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The page's share links: make one, or revoke one before it expires."""
        page = get_object_or_404(Page, pk=pk)
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        here = reverse("admin:pages_page_preview_links", args=[page.pk])
        if request.method == "POST":
            if not self.has_change_permission(request, page):
                raise PermissionDenied
            if "revoke" in request.POST:
                link = get_object_or_404(page.preview_links, pk=request.POST.get("revoke"))
                revoke_preview_link(link=link, user=request.user)
                messages.success(request, "The link was revoked: it no longer opens the page.")
            else:
                create_preview_link(page=page, user=request.user)
                messages.success(request, "A share link was made; copy it from the list.")
            return HttpResponseRedirect(here)
        links = [(link, request.build_absolute_uri(link_path(link)))
                 for link in page.preview_links.select_related("created_by") if link.is_active()]
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "original": page, "page_obj": page,
            "links": links, "title": f"Share links for “{page.title}”",
            "can_change": self.has_change_permission(request, page),
        }
        return TemplateResponse(request, "admin/pages/page/preview_links.html", context)


@admin.register(PageAuditEntry)
class PageAuditEntryAdmin(RecordAdminMixin, admin.ModelAdmin):
    """The audit trail across all pages, filterable, as the articles' is."""

    list_display = ["created_at", "page_link", "action", "user", "from_state", "to_state", "comment"]
    list_filter = ["action", "user", "created_at", "to_state"]
    list_select_related = ["user", "page"]
    search_fields = ["page_title", "comment", "user__username"]
    date_hierarchy = "created_at"

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        return lookup == "page__id__exact" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="Page", ordering="page_title")
    def page_link(self, obj: PageAuditEntry):
        if obj.page_id:
            return format_html('<a href="{}">{}</a>', reverse("admin:pages_page_change", args=[obj.page_id]),
                               obj.page_title)
        return obj.page_title


class MenuItemInline(admin.TabularInline):
    model = MenuItem
    fields = ["order", "label", "parent", "page", "tag", "official", "enterprise", "regulator", "author", "url"]
    raw_id_fields = ["tag", "official", "enterprise", "regulator", "author"]
    extra = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # Only this menu's top-level items can have items under them.
            menu_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = MenuItem.objects.filter(menu_id=menu_id, parent__isnull=True) if menu_id \
                else MenuItem.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Menu)
class MenuAdmin(admin.ModelAdmin):
    list_display = ["place"]
    inlines = [MenuItemInline]


@admin.register(MastheadEntry)
class MastheadEntryAdmin(admin.ModelAdmin):
    list_display = ["author", "role", "order"]
    list_editable = ["order"]
    raw_id_fields = ["author"]


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "page", "target", "source", "created_at"]
    search_fields = ["old_path", "target"]
    raw_id_fields = ["page"]
