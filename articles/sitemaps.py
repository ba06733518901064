"""sitemap.xml (an index of sections) and the Google News sitemap.

Every section starts from ``Article.objects.published()``: topics, authors
and entities appear only when they have published coverage."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import AuthorProfile
from core.seo import absolute_url
from entities.models import Enterprise, Official, Regulator

from .models import Article, ArticleAuthor
from .visibility import public_tags

NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News sitemaps hold at most 1,000 URLs


class SiteSitemap(Sitemap):
    """Absolute URLs on SITE_URL, whatever host the request came in on."""

    limit = 5000

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


def _published_ids():
    return Article.objects.published().values("pk")


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Article.objects.published().only("id", "slug", "published_at", "content_updated_at").order_by(
            "-published_at", "-id"
        )

    def lastmod(self, article: Article) -> datetime.datetime:
        return article.content_updated_at or article.published_at

    def get_latest_lastmod(self):
        agg = Article.objects.published().aggregate(p=Max("published_at"), u=Max("content_updated_at"))
        return max((d for d in agg.values() if d), default=None)


class TopicSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return public_tags().order_by("name")

    def location(self, tag: Tag) -> str:
        return reverse("articles:topic", args=[tag.slug])


class AuthorSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        used = ArticleAuthor.objects.filter(article__in=_published_ids()).values("author_id")
        return AuthorProfile.objects.filter(pk__in=used).order_by("display_name")


class EntitySitemap(SiteSitemap):
    """Public profiles: entities named in at least one published article,
    or whose profile an editor published (``public()``)."""

    changefreq = "weekly"
    model = None
    field = ""  # the entity's model name

    def _covered(self):
        return self.model.objects.public()

    def items(self):
        return self._covered().only("id", "slug", "updated_at").order_by("name")

    def lastmod(self, entity) -> datetime.datetime:
        return entity.updated_at

    def get_latest_lastmod(self):
        return self._covered().aggregate(m=Max("updated_at"))["m"]


class OfficialSitemap(EntitySitemap):
    model, field = Official, "official"


class EnterpriseSitemap(EntitySitemap):
    model, field = Enterprise, "enterprise"


class RegulatorSitemap(EntitySitemap):
    model, field = Regulator, "regulator"


SITEMAPS = {
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
    "officials": OfficialSitemap,
    "enterprises": EnterpriseSitemap,
    "regulators": RegulatorSitemap,
}


def register_sitemap(section: str, sitemap: type[SiteSitemap]) -> None:
    """Add a section from a higher app (pages), which articles may not
    import: it then appears in the index and at /sitemap-<section>.xml."""
    SITEMAPS[section] = sitemap


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: one entry per section (and per extra page of a big
    section), on SITE_URL whatever host the request came in on."""
    items = []
    for section, cls in SITEMAPS.items():
        site = cls()
        loc = absolute_url(reverse("articles:sitemap", kwargs={"section": section}))
        lastmod = site.get_latest_lastmod()
        items.append(SitemapIndexItem(loc, lastmod))
        items += [SitemapIndexItem(f"{loc}?p={n}", lastmod) for n in range(2, site.paginator.num_pages + 1)]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


def news_sitemap(request: HttpRequest) -> HttpResponse:
    """Articles published in the last 48 hours, in Google's news namespace."""
    now = timezone.now()
    articles = (
        Article.objects.published(now=now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .only("id", "slug", "title", "published_at")
        .prefetch_related("tags")
        .order_by("-published_at", "-id")[:NEWS_LIMIT]
    )
    context = {"articles": articles, "publication": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
    return TemplateResponse(request, "sitemaps/news.xml", context, content_type="application/xml; charset=utf-8")
