"""Read-only endpoints over published content.

Everything starts from ``Article.objects.published()``; officials,
enterprises and regulators from ``public()`` (named in a published story,
or a profile an editor published), so one made for a story that has not run
is not listed, nor its biography; a topic is listed only once a published
article carries it (a tag only drafts use can give a story away before it
runs).
"""

from __future__ import annotations

import functools

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, ArticleRedirect
from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Position, Regulator
from pages.models import Page

from . import serializers as s
from .filters import ArticleFilterSerializer, filter_articles
from .related import related_articles

API_MAX_AGE = 60


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    # Slug characters only (Unicode letters too: taggit keeps them), so a
    # NUL or other junk in the path is a 404 before it reaches the database.
    lookup_value_regex = r"[-\w]+"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=API_MAX_AGE)
        return response


def _article_queryset() -> QuerySet[Article]:
    return (
        Article.objects.published()
        .newest_first()
        .select_related("featured_image")
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.select_related("author").order_by("order", "id")),
            "tags",
            Prefetch("officials", queryset=Official.objects.only("id", "name", "slug")),
            Prefetch("enterprises", queryset=Enterprise.objects.only("id", "name", "slug")),
            Prefetch("regulators", queryset=Regulator.objects.only("id", "name", "slug")),
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="Published articles, newest first",
        parameters=[ArticleFilterSerializer],
    ),
    retrieve=extend_schema(
        summary="One published article with its body, corrections and related articles",
        responses=s.ArticleDetailSerializer,
    ),
)
class ArticleViewSet(ReadOnlyViewSet):
    serializer_class = s.ArticleListSerializer

    def get_queryset(self) -> QuerySet[Article]:
        qs = _article_queryset()
        if self.action == "list":
            return filter_articles(qs, self.request.query_params)
        return qs.prefetch_related("corrections")

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleListSerializer

    def retrieve(self, request, *args, **kwargs):
        article = self.get_queryset().filter(slug=kwargs["slug"]).first()
        if article is None:
            # An article whose slug changed answers at its new address.
            redirect = ArticleRedirect.objects.filter(old_path=f"/articles/{kwargs['slug']}/").first()
            if redirect:
                moved = Article.objects.published().filter(pk=redirect.article_id).values_list("slug", flat=True).first()
                if moved:
                    return HttpResponsePermanentRedirect(reverse("api:article-detail", kwargs={"slug": moved}))
            raise NotFound("No published article has this slug.")
        context = {**self.get_serializer_context(), "related": related_articles(article)}
        return Response(s.ArticleDetailSerializer(article, context=context).data)


@extend_schema_view(
    list=extend_schema(summary="Officials, with the positions they held"),
    retrieve=extend_schema(summary="One official"),
)
class OfficialViewSet(ReadOnlyViewSet):
    serializer_class = s.OfficialSerializer
    # In get_queryset(), not a class attribute: public() reads the clock.
    def get_queryset(self) -> QuerySet[Official]:
        return Official.objects.public().order_by("name", "id").prefetch_related(
            Prefetch("positions", queryset=Position.objects.public().select_related("enterprise", "regulator"))
        )


@extend_schema_view(list=extend_schema(summary="Enterprises"), retrieve=extend_schema(summary="One enterprise"))
class EnterpriseViewSet(ReadOnlyViewSet):
    serializer_class = s.EnterpriseSerializer
    # A parent or supervisor that is not public reads as none (the
    # prefetch leaves it out), like the profile page.
    def get_queryset(self) -> QuerySet[Enterprise]:
        return Enterprise.objects.public().order_by("name", "id").prefetch_related(
            Prefetch("parent", queryset=Enterprise.objects.public()),
            Prefetch("regulator", queryset=Regulator.objects.public()),
        )


@extend_schema_view(list=extend_schema(summary="Regulators"), retrieve=extend_schema(summary="One regulator"))
class RegulatorViewSet(ReadOnlyViewSet):
    serializer_class = s.RegulatorSerializer
    def get_queryset(self) -> QuerySet[Regulator]:
        return Regulator.objects.public().order_by("name", "id").prefetch_related(
            Prefetch("parent", queryset=Regulator.objects.public())
        )


@extend_schema_view(list=extend_schema(summary="Authors"), retrieve=extend_schema(summary="One author"))
class AuthorViewSet(ReadOnlyViewSet):
    serializer_class = s.AuthorSerializer
    queryset = AuthorProfile.objects.order_by("display_name", "id")


@extend_schema_view(
    list=extend_schema(summary="Topics that have published articles"), retrieve=extend_schema(summary="One topic")
)
class TagViewSet(ReadOnlyViewSet):
    serializer_class = s.TagSerializer

    def get_queryset(self) -> QuerySet[Tag]:
        items = "articles_taggedarticle_items"
        return (
            Tag.objects.annotate(
                article_count=Count(
                    items, filter=Q(**{f"{items}__content_object__in": Article.objects.published()})
                )
            )
            .filter(article_count__gt=0)
            .order_by("name", "id")
        )


@extend_schema_view(
    list=extend_schema(summary="The outlet's published pages (About, policies), by path"),
    retrieve=extend_schema(summary="One published page with its body", responses=s.PageDetailSerializer),
)
class PageViewSet(ReadOnlyViewSet):
    """Published pages only (``Page.objects.published()``): a draft, a page
    in review or one with a future publish time answers 404."""

    lookup_field = "path"
    lookup_value_regex = r"[-\w]+(?:/[-\w]+)*"

    def get_queryset(self) -> QuerySet[Page]:
        return Page.objects.published().order_by("path")

    def get_serializer_class(self):
        return s.PageDetailSerializer if self.action == "retrieve" else s.PageListSerializer


@functools.cache
def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    """A readable page of the endpoints and their parameters, generated from
    the same OpenAPI description as /api/openapi.json (no JavaScript)."""
    schema = _schema()
    endpoints = [
        {
            "path": route,
            "summary": op.get("summary", ""),
            "parameters": [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "type": p.get("schema", {}).get("format") or p.get("schema", {}).get("type", ""),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ],
        }
        for route, ops in schema["paths"].items()
        for method, op in ops.items()
        if method == "get"
    ]
    return render(request, "api/docs.html", {"info": schema["info"], "endpoints": endpoints})
