"""What the API says about each kind of published content.

Links are absolute and built from ``settings.SITE_URL`` (not the request's
Host), so the same article always has the same URLs in every response.
Every serializer reads only prefetched relations; the view sets the
prefetches (see ``views.py``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.feed_items import article_guid, article_image
from core.absolute_urls import absolute_html, absolute_url, slug_url

# Route name of each kind's public page.
WEB_ROUTES = {
    "article": "articles:detail",
    "tag": "articles:topic",
    "author": "authors:detail",
    "official": "entities:official",
    "enterprise": "entities:enterprise",
    "regulator": "entities:regulator",
}


def api_url(kind: str, slug: str) -> str:
    return slug_url(f"api:{kind}-detail", slug)


def web_url(kind: str, slug: str) -> str:
    return slug_url(WEB_ROUTES[kind], slug)


def ref(kind: str, name: str, slug: str) -> dict:
    """What a ``RefSerializer`` gives, built directly: an article page
    carries some twenty links, and a serializer per link is most of the
    time a page of 50 takes."""
    return {"name": name, "slug": slug, "api_url": api_url(kind, slug), "web_url": web_url(kind, slug)}


def articles_url(param: str, slug: str) -> str:
    return absolute_url(reverse("api:article-list")) + f"?{urlencode({param: slug})}"


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField()
    type = serializers.CharField(help_text="MIME type")
    bytes = serializers.IntegerField(help_text="Size of the file in bytes")
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    alt = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True, help_text="Caption, or the alt text when there is none")
    credit = serializers.CharField(allow_blank=True)


class LinkedSerializer(serializers.Serializer):
    """A resource's API and web addresses, from its ``kind`` (the route name)."""

    kind: str = ""
    api_url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str:
        return api_url(self.kind, obj.slug)

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, obj) -> str:
        return web_url(self.kind, obj.slug)


class RefSerializer(LinkedSerializer):
    """A link to another resource: enough to show it and to fetch it."""

    filter_param: str = ""

    name = serializers.CharField()
    slug = serializers.SlugField()


class TagRefSerializer(RefSerializer):
    kind = "tag"


class AuthorRefSerializer(RefSerializer):
    kind = "author"
    name = serializers.CharField(source="display_name")


class OfficialRefSerializer(RefSerializer):
    kind = "official"


class EnterpriseRefSerializer(RefSerializer):
    kind = "enterprise"


class RegulatorRefSerializer(RefSerializer):
    kind = "regulator"


class ArticleRefSerializer(LinkedSerializer):
    kind = "article"

    slug = serializers.SlugField()
    title = serializers.CharField()
    published_at = serializers.DateTimeField()


class RelatedArticleSerializer(ArticleRefSerializer):
    reason = serializers.CharField(help_text='Why it is recommended, in a few words ("Also about China Northern Rare Earth").')


class ArticleListSerializer(ArticleRefSerializer):
    id = serializers.IntegerField(help_text="Never changes, even when the slug does.")
    guid = serializers.SerializerMethodField(help_text="The item's id in the feeds (a tag URI); never changes.")
    standfirst = serializers.CharField()
    updated_at = serializers.DateTimeField(
        source="content_updated_at", allow_null=True, help_text="Last revision of the text after publication."
    )
    authors = serializers.SerializerMethodField(help_text="In byline order.")
    tags = serializers.SerializerMethodField(help_text="In alphabetical order.")
    officials = serializers.SerializerMethodField()
    enterprises = serializers.SerializerMethodField()
    regulators = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()

    def get_guid(self, obj) -> str:
        return article_guid(obj)

    @extend_schema_field(AuthorRefSerializer(many=True))
    def get_authors(self, obj) -> list[dict]:
        return [ref("author", b.author.display_name, b.author.slug) for b in obj.bylines.all()]

    @extend_schema_field(TagRefSerializer(many=True))
    def get_tags(self, obj) -> list[dict]:
        # Sorted here: taggit's prefetch cannot take an ordered queryset.
        return [ref("tag", t.name, t.slug) for t in sorted(obj.tags.all(), key=lambda t: t.name.lower())]

    @extend_schema_field(OfficialRefSerializer(many=True))
    def get_officials(self, obj) -> list[dict]:
        return [ref("official", e.name, e.slug) for e in obj.officials.all()]

    @extend_schema_field(EnterpriseRefSerializer(many=True))
    def get_enterprises(self, obj) -> list[dict]:
        return [ref("enterprise", e.name, e.slug) for e in obj.enterprises.all()]

    @extend_schema_field(RegulatorRefSerializer(many=True))
    def get_regulators(self, obj) -> list[dict]:
        return [ref("regulator", e.name, e.slug) for e in obj.regulators.all()]

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, obj) -> dict | None:
        return article_image(obj)


class CorrectionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class ArticleDetailSerializer(ArticleListSerializer):
    highlights = serializers.ListField(child=serializers.CharField())
    body = serializers.SerializerMethodField(help_text="Sanitized HTML; links and images are absolute URLs.")
    corrections = CorrectionSerializer(many=True, source="corrections.all")
    related = serializers.SerializerMethodField(
        help_text='The "You Might Also Like" list of the article page: editors\' picks first, then the engine\'s.'
    )

    def get_body(self, obj) -> str:
        return absolute_html(obj.body, obj.get_absolute_url())

    @extend_schema_field(RelatedArticleSerializer(many=True))
    def get_related(self, obj) -> list:
        return RelatedArticleSerializer(self.context.get("related", []), many=True).data


class EntitySerializer(LinkedSerializer):
    """Fields every followed entity has."""

    filter_param = ""

    slug = serializers.SlugField()
    name = serializers.CharField()
    native_name = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField())
    same_as = serializers.ListField(child=serializers.URLField(), source="reference_links", help_text="The same entity elsewhere (Wikipedia, Wikidata).")
    articles_url = serializers.SerializerMethodField(help_text="The API list of published articles mentioning it.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_articles_url(self, obj) -> str:
        return articles_url(self.filter_param, obj.slug)


class PositionSerializer(serializers.Serializer):
    title = serializers.CharField()
    organisation = serializers.CharField(source="organisation_label")
    organisation_type = serializers.SerializerMethodField()
    organisation_slug = serializers.SerializerMethodField()
    organisation_api_url = serializers.SerializerMethodField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True, help_text="Empty while the post is held.")
    is_primary = serializers.BooleanField()
    is_current = serializers.BooleanField()

    def get_organisation_type(self, obj) -> str | None:
        org = obj.organisation
        return org._meta.model_name if org else None

    def get_organisation_slug(self, obj) -> str | None:
        org = obj.organisation
        return org.slug if org else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_organisation_api_url(self, obj) -> str | None:
        org = obj.organisation
        return api_url(org._meta.model_name, org.slug) if org else None


class OfficialSerializer(EntitySerializer):
    kind = filter_param = "official"

    bio = serializers.CharField()
    born = serializers.IntegerField(allow_null=True, help_text="Year of birth")
    photo_url = serializers.SerializerMethodField()
    positions = PositionSerializer(many=True, source="positions.all", help_text="Newest first.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_photo_url(self, obj) -> str | None:
        return absolute_url(obj.photo_url("card")) or None


class EnterpriseSerializer(EntitySerializer):
    kind = filter_param = "enterprise"

    ownership = serializers.CharField()
    ownership_label = serializers.CharField(source="get_ownership_display")
    is_state_owned = serializers.BooleanField()
    parent = EnterpriseRefSerializer(allow_null=True)
    regulator = RegulatorRefSerializer(allow_null=True, help_text="The supervising regulator.")
    tickers = serializers.ListField(child=serializers.CharField())
    website = serializers.URLField(allow_blank=True)
    headquarters = serializers.CharField()
    description = serializers.CharField()
    logo_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_logo_url(self, obj) -> str | None:
        return absolute_url(obj.logo_url("thumb")) or None


class RegulatorSerializer(EntitySerializer):
    kind = filter_param = "regulator"

    acronym = serializers.CharField()
    level = serializers.CharField()
    level_label = serializers.CharField(source="get_level_display")
    parent = RegulatorRefSerializer(allow_null=True)
    jurisdiction = serializers.CharField()
    responsibilities = serializers.CharField()
    website = serializers.URLField(allow_blank=True)


class AuthorSerializer(LinkedSerializer):
    kind = "author"

    slug = serializers.SlugField()
    name = serializers.CharField(source="display_name")
    role = serializers.CharField()
    bio = serializers.CharField()
    photo_url = serializers.SerializerMethodField()
    articles_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_photo_url(self, obj) -> str | None:
        return absolute_url(obj.photo_url("thumb")) or None

    @extend_schema_field(OpenApiTypes.URI)
    def get_articles_url(self, obj) -> str:
        return articles_url("author", obj.slug)


class TagSerializer(LinkedSerializer):
    kind = "tag"

    slug = serializers.SlugField()
    name = serializers.CharField()
    article_count = serializers.IntegerField(help_text="Published articles on this topic.")
    articles_url = serializers.SerializerMethodField()
    feed_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_articles_url(self, obj) -> str:
        return articles_url("tag", obj.slug)

    @extend_schema_field(OpenApiTypes.URI)
    def get_feed_url(self, obj) -> str:
        return slug_url("articles:topic_feed_json", obj.slug)


class PageListSerializer(serializers.Serializer):
    """One of the outlet's own pages (About, a policy): its address is its
    path, which nests under its parent's (``about/masthead``)."""

    path = serializers.CharField(help_text="The page's path, e.g. about/masthead; its API and web addresses end in it.")
    title = serializers.CharField()
    standfirst = serializers.CharField()
    parent = serializers.SerializerMethodField(help_text="The path of the page it sits under, if any.")
    published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    api_url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    def get_parent(self, obj) -> str | None:
        return obj.path.rsplit("/", 1)[0] if obj.parent_id else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str:
        return absolute_url(reverse("api:page-detail", kwargs={"path": obj.path}))

    @extend_schema_field(OpenApiTypes.URI)
    def get_web_url(self, obj) -> str:
        return absolute_url(obj.get_absolute_url())


class PageDetailSerializer(PageListSerializer):
    body = serializers.SerializerMethodField(help_text="Sanitized HTML; links and images are absolute URLs.")

    def get_body(self, obj) -> str:
        return absolute_html(obj.body, obj.get_absolute_url())
