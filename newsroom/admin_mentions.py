"""Mention suggestions in the article admin: refreshed on every save, listed
on the change page with accept (adds the link) and dismiss buttons; and
while writing, ``mentions-in-text/`` answers the edit page's script
(static/admin_extra/live_mentions.js) with the names its unsaved text holds,
which it offers beside the editor to link in one click."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse

from .admin_access import add_panel, article_for, change_url
from .mention_review import accept_suggestion, dismiss_suggestion, pending_with_entities
from .mentions import ARTICLE_FIELDS, mentions_in_text, suggest_mentions
from .models import MentionSuggestion
from .permissions import can_edit

# The most text of one field a request is matched against.
MAX_TEXT = 400_000


class MentionAdminMixin:
    """Mix into ArticleAdmin (before ModelAdmin)."""

    def get_urls(self):
        return [
            path("mentions-in-text/", self.admin_site.admin_view(self.mentions_in_text_view),
                 name="articles_article_mentions_in_text"),
            path("<path:object_id>/mentions/<int:suggestion_id>/<str:decision>/",
                 self.admin_site.admin_view(self.mention_decide_view), name="articles_article_mention_decide"),
            *super().get_urls(),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "body" in form.base_fields:
            attrs = form.base_fields["body"].widget.attrs
            attrs["data-live-mentions"] = reverse("admin:articles_article_mentions_in_text")
            if obj is not None and obj.pk:
                attrs["data-article"] = str(obj.pk)
        return form

    def mentions_in_text_view(self, request: HttpRequest) -> JsonResponse:
        """POST {title, standfirst, highlights, body[, article]}: the
        officials, enterprises and regulators the text names, as JSON."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        try:
            payload = json.loads(request.body or b"{}")
            texts = {k: str(payload.get(k) or "")[:MAX_TEXT] for k in ("title", "standfirst", "body")}
            highlights = [str(h)[:MAX_TEXT] for h in payload.get("highlights") or []][:50]
        except (ValueError, TypeError, AttributeError):
            return JsonResponse({"error": "Send {title, standfirst, highlights, body}."}, status=400)
        article = article_for(request, str(payload["article"])) if payload.get("article") else None
        found = mentions_in_text(**texts, highlights=highlights, article=article)
        return JsonResponse({"mentions": [
            {"type": m.entity_type, "field": ARTICLE_FIELDS[m.entity_type], "id": entity.pk, "name": str(entity),
             "matched": m.matched_text}
            for m, entity in found
        ]})

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the links are saved, so names already linked are not suggested.
        suggest_mentions(article=form.instance)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            add_panel(context, request, "admin/articles/article/panel_mentions.html", {
                "suggestions": pending_with_entities(obj),
                "may_decide": can_edit(request.user, obj),
            })
        return super().render_change_form(request, context, add, change, form_url, obj)

    def mention_decide_view(self, request: HttpRequest, object_id: str, suggestion_id: int,
                            decision: str) -> HttpResponse:
        article = article_for(request, object_id, edit=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if decision not in ("accept", "dismiss"):
            raise Http404("No such decision")
        suggestion = article.mention_suggestions.filter(
            pk=suggestion_id, status=MentionSuggestion.Status.PENDING
        ).first()
        if suggestion is None:
            messages.warning(request, "That suggestion was already dealt with.")
            return HttpResponseRedirect(change_url(article) + "#panel-mentions")
        try:
            if decision == "accept":
                accept_suggestion(suggestion=suggestion, user=request.user)
                if article.is_public:
                    messages.success(request, f"Linked “{suggestion.matched_text}” in this article's unpublished "
                                              "changes; readers see it once they are published.")
                else:
                    messages.success(request, f"Linked “{suggestion.matched_text}” to this article.")
            else:
                dismiss_suggestion(suggestion=suggestion, user=request.user)
                messages.success(request, f"“{suggestion.matched_text}” will not be suggested again here.")
        except ValueError as exc:
            messages.warning(request, str(exc))
        return HttpResponseRedirect(change_url(article) + "#panel-mentions")
