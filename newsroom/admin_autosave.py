"""Autosave in the article admin: the edit page's script
(static/admin_extra/autosave.js) posts the text every few seconds to
``<id>/autosave/``, reads it back there on return, and discards it at
``<id>/autosave/discard/``. Admin views: staff only, CSRF-checked like any
POST, and only for users who may edit the article (``article_for``)."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone

from .admin_access import article_for
from .autosave import autosave_for, discard_autosave, store_autosave
from .models import Autosave


def autosave_json(autosave: Autosave | None) -> dict:
    if autosave is None:
        return {"autosave": None}
    saved = timezone.localtime(autosave.saved_at)
    return {"autosave": {
        "fields": autosave.data,
        "base_version": autosave.base_version,
        "saved_at": saved.isoformat(),
        "saved_at_label": f"{saved:%H:%M}" if saved.date() == timezone.localdate() else f"{saved:%Y-%m-%d %H:%M}",
        "conflicting": autosave.conflicting,
    }}


class AutosaveAdminMixin:
    """Mix into ArticleAdmin (before ModelAdmin)."""

    def get_urls(self):
        return [
            path("<path:object_id>/autosave/", self.admin_site.admin_view(self.autosave_view),
                 name="articles_article_autosave"),
            path("<path:object_id>/autosave/discard/", self.admin_site.admin_view(self.autosave_discard_view),
                 name="articles_article_autosave_discard"),
            *super().get_urls(),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and obj.pk and "body" in form.base_fields:
            form.base_fields["body"].widget.attrs["data-autosave"] = reverse(
                "admin:articles_article_autosave", args=[obj.pk])
        return form

    def autosave_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        article = article_for(request, object_id, edit=True)
        if request.method == "GET":
            return JsonResponse(autosave_json(autosave_for(article=article, user=request.user)))
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        try:
            payload = json.loads(request.body or b"{}")
            fields, base_version = payload["fields"], int(payload["base_version"])
            if not isinstance(fields, dict) or base_version < 1:
                raise ValueError
        except (ValueError, KeyError, TypeError):
            return JsonResponse({"error": "Send {fields: {...}, base_version: N}."}, status=400)
        try:
            autosave = store_autosave(article=article, user=request.user, fields=fields, base_version=base_version)
        except PermissionDenied:
            return JsonResponse({"error": "You may not edit this article."}, status=403)
        return JsonResponse(autosave_json(autosave))

    def autosave_discard_view(self, request: HttpRequest, object_id: str) -> JsonResponse:
        article = article_for(request, object_id, edit=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        discard_autosave(article=article, user=request.user)
        return JsonResponse({"autosave": None})
