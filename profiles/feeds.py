"""Feeds of the coverage of one official, enterprise or regulator, and of one
author's articles."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from articles.feeds import ArticleFeed
from articles.models import Article
from authors.models import AuthorProfile
from core.absolute_urls import absolute_url
from entities.models import Enterprise, Official, Regulator


class EntityFeed(ArticleFeed):
    """Published articles mentioning one entity; an unknown slug is a 404."""

    model: type[Model]
    relation: str  # the Article many-to-many field pointing at ``model``

    def get_object(self, request: HttpRequest, slug: str) -> Model:
        return get_object_or_404(self.model.objects.public(), slug=slug)

    def scope(self, obj: Model) -> QuerySet[Article]:
        return Article.objects.filter(**{self.relation: obj})

    def title(self, obj: Model) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj: Model) -> str:
        return absolute_url(obj.get_absolute_url())

    def description(self, obj: Model) -> str:
        return f"{settings.SITE_NAME} coverage of {obj.name}."


class OfficialFeed(EntityFeed):
    model = Official
    relation = "officials"


class EnterpriseFeed(EntityFeed):
    model = Enterprise
    relation = "enterprises"


class RegulatorFeed(EntityFeed):
    model = Regulator
    relation = "regulators"


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
