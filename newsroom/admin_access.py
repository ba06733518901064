"""Shared plumbing for the article admin's extra pages (revisions, preview,
corrections, mention suggestions): every one of them answers only to users
``newsroom.permissions`` allows to see that article."""

from __future__ import annotations

from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article

from .permissions import can_edit, can_view


def article_for(request: HttpRequest, object_id: str, *, edit: bool = False) -> Article:
    """The article, if this user may see it; 404 otherwise (so others'
    drafts do not even show that they exist). With ``edit``, 403 unless the
    user may also change it now."""
    article = Article.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
    if article is None or not can_view(request.user, article):
        raise Http404("No such article")
    if edit and not can_edit(request.user, article):
        raise PermissionDenied("You may not change this article.")
    return article


def admin_context(model_admin: ModelAdmin, request: HttpRequest, article: Article, title: str, **extra) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": article,
        "article": article,
        "title": title,
        "change_url": change_url(article),
        **extra,
    }


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def add_panel(context: dict, request: HttpRequest, template: str, panel_context: dict) -> None:
    """Append a rendered panel to the change page (shown under the form, so
    its buttons are separate forms and never the edit form's default)."""
    base = {"opts": context.get("opts"), "article": context.get("original")}
    context.setdefault("editorial_panels", []).append(
        render_to_string(template, {**base, **panel_context}, request=request)
    )
