"""Autosave in the article admin: the edit page's script
(static/admin_extra/autosave.js) posts the text every few seconds to
``<id>/autosave/``, reads it back there on return, and discards it at
``<id>/autosave/discard/``; the add page does the same at ``add/autosave/``
for the user's new story, which the add page's first save ends. Admin
views: staff only, CSRF-checked like any POST, and only for users who may
edit the article (``article_for``) or add articles."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone

from articles.models import Article

from .admin_access import article_for
from .autosave import autosave_for, discard_autosave, may_start_story, store_autosave
from .models import Autosave


def autosave_json(autosave: Autosave | None) -> dict:
    if autosave is None:
        return {"autosave": None}
    saved = timezone.localtime(autosave.saved_at)
    return {"autosave": {
        "fields": autosave.data,
        "base_version": autosave.base_version if autosave.article_id else None,
        "saved_at": saved.isoformat(),
        "saved_at_label": f"{saved:%H:%M}" if saved.date() == timezone.localdate() else f"{saved:%Y-%m-%d %H:%M}",
        "conflicting": autosave.conflicting,
    }}


class AutosaveAdminMixin:
    """Mix into ArticleAdmin (before ModelAdmin)."""

    def get_urls(self):
        return [
            # Before the article's own: "add" would otherwise be read as an id.
            path("add/autosave/", self.admin_site.admin_view(self.new_story_autosave_view),
                 name="articles_article_add_autosave"),
            path("add/autosave/discard/", self.admin_site.admin_view(self.new_story_autosave_discard_view),
                 name="articles_article_add_autosave_discard"),
            path("<path:object_id>/autosave/", self.admin_site.admin_view(self.autosave_view),
                 name="articles_article_autosave"),
            path("<path:object_id>/autosave/discard/", self.admin_site.admin_view(self.autosave_discard_view),
                 name="articles_article_autosave_discard"),
            *super().get_urls(),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "body" not in form.base_fields:
            return form
        if obj is not None and obj.pk:
            urls = (reverse("admin:articles_article_autosave", args=[obj.pk]),
                    reverse("admin:articles_article_autosave_discard", args=[obj.pk]))
        elif may_start_story(request.user):
            urls = (reverse("admin:articles_article_add_autosave"),
                    reverse("admin:articles_article_add_autosave_discard"))
        else:
            return form
        attrs = form.base_fields["body"].widget.attrs
        attrs["data-autosave"], attrs["data-autosave-discard"] = urls
        # Where the browser keeps a copy it could not send yet: per user, so
        # another login on the same browser is never offered it.
        attrs["data-autosave-key"] = f"autosave:{request.user.pk}:{urls[0]}"
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # The new story is an article now, with the text its autosave
            # held (inside the add page's transaction: a failed save keeps it).
            discard_autosave(article=None, user=request.user)

    def new_story_autosave_view(self, request: HttpRequest) -> JsonResponse:
        if not may_start_story(request.user):
            return JsonResponse({"error": "You may not add articles."}, status=403)
        return self._autosave(request, None)

    def new_story_autosave_discard_view(self, request: HttpRequest) -> JsonResponse:
        if not may_start_story(request.user):
            return JsonResponse({"error": "You may not add articles."}, status=403)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        discard_autosave(article=None, user=request.user)
        return JsonResponse({"autosave": None})

    def autosave_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        return self._autosave(request, article_for(request, object_id, edit=True))

    def _autosave(self, request: HttpRequest, article: Article | None) -> JsonResponse:
        if request.method == "GET":
            return JsonResponse(autosave_json(autosave_for(article=article, user=request.user)))
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        try:
            payload = json.loads(request.body or b"{}")
            fields, base_version = payload["fields"], int(payload["base_version"])
            # A new story has no version yet: 0.
            if not isinstance(fields, dict) or base_version < (1 if article is not None else 0):
                raise ValueError
        except (ValueError, KeyError, TypeError):
            return JsonResponse({"error": "Send {fields: {...}, base_version: N}."}, status=400)
        try:
            autosave = store_autosave(article=article, user=request.user, fields=fields, base_version=base_version)
        except PermissionDenied as denied:
            return JsonResponse({"error": str(denied)}, status=403)
        return JsonResponse(autosave_json(autosave))

    def autosave_discard_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        article = article_for(request, object_id, edit=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        discard_autosave(article=article, user=request.user)
        return JsonResponse({"autosave": None})
