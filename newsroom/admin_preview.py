"""Preview in the article admin: the draft as readers will see it, and
shareable links (create, list, revoke) for reviewers without an account."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone

from .admin_access import add_panel, article_for, change_url
from .previews import (
    PreviewLinkRefused,
    active_links,
    create_preview_link,
    link_url,
    render_preview,
    revoke_preview_link,
)


class PreviewAdminMixin:
    """Mix into ArticleAdmin (before ModelAdmin)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/preview/", view(self.preview_view), name="articles_article_preview"),
            path("<path:object_id>/preview-links/", view(self.preview_link_create_view),
                 name="articles_article_preview_link_create"),
            path("<path:object_id>/preview-links/<int:link_id>/revoke/", view(self.preview_link_revoke_view),
                 name="articles_article_preview_link_revoke"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            add_panel(context, request, "admin/articles/article/panel_preview.html", {
                "preview_url": reverse("admin:articles_article_preview", args=[obj.pk]),
                "create_url": reverse("admin:articles_article_preview_link_create", args=[obj.pk]),
                "links": [(link, link_url(link, request)) for link in active_links(obj)],
                "trashed": obj.deleted_at is not None,
            })
        return super().render_change_form(request, context, add, change, form_url, obj)

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        article = article_for(request, object_id)
        state = "live" if article.is_public else "not public"
        return render_preview(request, article, note=f"the saved text as readers will see it; this article is {state}.")

    def preview_link_create_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        article = article_for(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            link = create_preview_link(article=article, user=request.user)
        except PreviewLinkRefused as refused:
            messages.error(request, str(refused))
            return HttpResponseRedirect(change_url(article) + "#panel-preview")
        expires = timezone.localtime(link.expires_at)
        messages.success(request, f"Preview link, valid until {expires:%d %b %Y %H:%M}: {link_url(link, request)}")
        return HttpResponseRedirect(change_url(article) + "#panel-preview")

    def preview_link_revoke_view(self, request: HttpRequest, object_id: str, link_id: int) -> HttpResponse:
        article = article_for(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        link = article.preview_links.filter(pk=link_id).first()
        if link is None:
            raise Http404("No such preview link")
        revoke_preview_link(link=link, user=request.user)
        messages.success(request, "The preview link was revoked: it no longer opens the article.")
        return HttpResponseRedirect(change_url(article) + "#panel-preview")
