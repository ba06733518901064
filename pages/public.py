"""Published pages on the site's other public surfaces: the sitemap
index (a ``pages`` section) and the search results page (a "Pages" list).
Both start from ``Page.objects.published()``; the API's endpoints are in
``api/``."""

from __future__ import annotations

import datetime

from django.db.models import Case, IntegerField, Max, Q, Value, When

from articles.sitemaps import SiteSitemap, register_sitemap
from search.query import normalize_query, query_terms
from search.sources import OtherResult, register_source

from .models import Page

SEARCH_LIMIT = 5


class PageSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().only("id", "path", "updated_at").order_by("path")

    def lastmod(self, page: Page) -> datetime.datetime:
        return page.updated_at

    def get_latest_lastmod(self):
        return Page.objects.published().aggregate(m=Max("updated_at"))["m"]


def matching_pages(query: str, *, limit: int = SEARCH_LIMIT) -> list[OtherResult]:
    """Published pages with every term of ``query`` in their title,
    standfirst or body text (not its markup); title matches first."""
    terms = query_terms(normalize_query(query))
    if not terms.include:
        return []
    condition = Q()
    in_title = Q()
    for term in terms.include:
        condition &= Q(title__icontains=term) | Q(standfirst__icontains=term) | Q(body_text__icontains=term)
        in_title &= Q(title__icontains=term)
    for term in terms.exclude:
        condition &= ~(Q(title__icontains=term) | Q(standfirst__icontains=term) | Q(body_text__icontains=term))
    rows = (
        Page.objects.published().filter(condition)
        .annotate(rank=Case(When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .only("title", "path", "standfirst", "seo_description")
        .order_by("rank", "title")[:limit]
    )
    return [OtherResult(p.title, p.get_absolute_url(), p.meta_description) for p in rows]


def register() -> None:
    register_sitemap("pages", PageSitemap)
    register_source(matching_pages)
