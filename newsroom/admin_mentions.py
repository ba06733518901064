"""Mention suggestions in the article admin: refreshed on every save, listed
on the change page with accept (adds the link) and dismiss buttons."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path

from .admin_access import add_panel, article_for, change_url
from .mention_review import accept_suggestion, dismiss_suggestion, pending_with_entities
from .mentions import suggest_mentions
from .models import MentionSuggestion
from .permissions import can_edit


class MentionAdminMixin:
    """Mix into ArticleAdmin (before ModelAdmin)."""

    def get_urls(self):
        return [
            path("<path:object_id>/mentions/<int:suggestion_id>/<str:decision>/",
                 self.admin_site.admin_view(self.mention_decide_view), name="articles_article_mention_decide"),
            *super().get_urls(),
        ]

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
