"""Revisions in the article admin: every save through the change form keeps
a revision (user, time, the admin's change message as comment); pages list
an article's revisions, show a diff between any two (or one and now), and
revert to one."""

from __future__ import annotations

import reversion
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .admin_access import add_panel, admin_context, article_for, change_url
from .diffs import compare
from .permissions import can_edit
from .revisions import revert_to_version, snapshot_from_version, snapshot_of_article, version_of, versions_for


class RevisionAdminMixin:
    """Mix into ArticleAdmin (before ModelAdmin)."""

    revisions_shown_on_change_page = 5

    # --- saving --------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Created.")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Saved with no changes.")
        return entry

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Tags, entities and byline rows are saved after the article itself:
        # record the article again so the revision has its final state.
        if reversion.is_active():
            reversion.add_to_revision(form.instance)

    # --- pages ----------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/revisions/", view(self.revisions_view), name="articles_article_revisions"),
            path("<path:object_id>/revisions/diff/", view(self.revision_diff_view),
                 name="articles_article_revision_diff"),
            path("<path:object_id>/revisions/<int:version_id>/revert/", view(self.revision_revert_view),
                 name="articles_article_revision_revert"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            versions = list(versions_for(obj)[: self.revisions_shown_on_change_page])
            add_panel(context, request, "admin/articles/article/panel_revisions.html", {
                "versions": versions,
                "revisions_url": reverse("admin:articles_article_revisions", args=[obj.pk]),
            })
        return super().render_change_form(request, context, add, change, form_url, obj)

    def revisions_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        article = article_for(request, object_id)
        versions = list(versions_for(article))
        return TemplateResponse(request, "admin/articles/article/revisions.html", admin_context(
            self, request, article, f"Revisions of “{article.title}”",
            versions=versions,
            may_revert=can_edit(request.user, article),
            diff_url=reverse("admin:articles_article_revision_diff", args=[article.pk]),
        ))

    def revision_diff_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """``?a=<version id>&b=<version id or "current">``: what changed from
        a to b (a is the older one when both are versions)."""
        article = article_for(request, object_id)
        old = self._version_param(article, request.GET.get("a", ""))
        new_param = request.GET.get("b", "current")
        new = None if new_param == "current" else self._version_param(article, new_param)
        if new is not None and new.pk < old.pk:
            old, new = new, old
        old_snap = snapshot_from_version(old)
        new_snap = snapshot_from_version(new) if new else snapshot_of_article(article)
        return TemplateResponse(request, "admin/articles/article/revision_diff.html", admin_context(
            self, request, article, f"Changes to “{article.title}”",
            old=old, new=new, diffs=compare(old_snap, new_snap),
            revisions_url=reverse("admin:articles_article_revisions", args=[article.pk]),
            may_revert=can_edit(request.user, article),
        ))

    @staticmethod
    def _version_param(article, value: str):
        version = version_of(article, int(value)) if value.isdigit() else None
        if version is None:
            raise Http404("No such revision of this article")
        return version

    def revision_revert_view(self, request: HttpRequest, object_id: str, version_id: int) -> HttpResponse:
        """GET: what the revert would change; POST: revert."""
        article = article_for(request, object_id)
        version = version_of(article, version_id)
        if version is None:
            raise Http404("No such revision of this article")
        if not can_edit(request.user, article):
            raise PermissionDenied("Only someone who may edit this article now may revert it.")
        if request.method == "POST":
            revert_to_version(article=article, version=version, user=request.user)
            messages.success(request, "The article was reverted; the revert is itself a new revision.")
            return HttpResponseRedirect(change_url(article))
        return TemplateResponse(request, "admin/articles/article/revision_revert.html", admin_context(
            self, request, article, f"Revert “{article.title}”",
            version=version,
            diffs=[d for d in compare(snapshot_of_article(article), snapshot_from_version(version)) if d.changed],
            revisions_url=reverse("admin:articles_article_revisions", args=[article.pk]),
        ))
