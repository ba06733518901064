"""The feed of one author's published articles."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from articles.feeds import ArticleFeed
from articles.models import Article
from core.absolute_urls import absolute_url

from .models import AuthorProfile


class AuthorFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> AuthorProfile:
        return get_object_or_404(AuthorProfile, slug=slug)

    def scope(self, obj: AuthorProfile) -> QuerySet[Article]:
        return Article.objects.filter(authors=obj)

    def title(self, obj: AuthorProfile) -> str:
        return f"{settings.SITE_NAME}: {obj.display_name}"

    def link(self, obj: AuthorProfile) -> str:
        return absolute_url(obj.get_absolute_url())

    def description(self, obj: AuthorProfile) -> str:
        return f"Articles by {obj.display_name} for {settings.SITE_NAME}."
