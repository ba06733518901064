"""Corrections in the article admin: editors add a dated correction or update
note to a published article from its change page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse

from articles.models import Article, Correction

from .admin_access import add_panel, article_for, change_url
from .corrections import MAX_LENGTH, add_correction, may_correct
from .permissions import can_view, is_editor, viewable


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(choices=Correction.Kind.choices, initial=Correction.Kind.CORRECTION)
    text = forms.CharField(
        max_length=MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3, "cols": 50}),
        help_text="Plain text, shown to readers with today's date.",
    )


class CorrectionAccessMixin:
    """Mix into the Correction admin: its list and pages show only notes on
    articles the user may open (a writer's own), not the whole desk's."""

    def get_queryset(self, request: HttpRequest):
        articles = viewable(request.user, Article.objects.all()).values("pk")
        return super().get_queryset(request).filter(article__in=articles)

    def has_view_permission(self, request: HttpRequest, obj: Correction | None = None) -> bool:
        if obj is not None and not can_view(request.user, obj.article):
            return False
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Correction | None = None) -> bool:
        if obj is not None and not can_view(request.user, obj.article):
            return False
        return super().has_change_permission(request, obj)


class CorrectionAdminMixin:
    """Mix into ArticleAdmin (before ModelAdmin)."""

    def get_urls(self):
        return [
            path("<path:object_id>/corrections/add/", self.admin_site.admin_view(self.correction_add_view),
                 name="articles_article_correction_add"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            add_panel(context, request, "admin/articles/article/panel_corrections.html", {
                "corrections": list(obj.corrections.select_related("created_by")),
                "may_correct": may_correct(request.user, obj),
                "user_is_editor": is_editor(request.user),
                "correction_form": CorrectionForm(auto_id="correction_%s"),
                "correction_url": reverse("admin:articles_article_correction_add", args=[obj.pk]),
            })
        return super().render_change_form(request, context, add, change, form_url, obj)

    def correction_add_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        article = article_for(request, object_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not may_correct(request.user, article):
            raise PermissionDenied("Only editors may add corrections, and only to published articles.")
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                add_correction(article=article, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "The note was added; readers see it on the article now.")
        else:
            messages.error(request, "The note was not added: " + " ".join(
                f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
            ))
        return HttpResponseRedirect(change_url(article) + "#panel-corrections")
