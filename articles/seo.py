"""schema.org NewsArticle markup for an article page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from core.seo import absolute_url
from entities.seo import entity_ref

from .models import Article


def article_jsonld(article: Article, *, corrections: list | None = None,
                   topics: list[tuple[Any, str]] | None = None) -> dict[str, Any]:
    """NewsArticle with its authors, dates, image, the entities it is about
    and mentions (prefetched relations are used), and its corrections.
    ``corrections`` and ``topics`` ((tag, path) pairs) when the page has
    them already."""
    if topics is None:
        topics = [(t, reverse("articles:topic", kwargs={"slug": t.slug})) for t in article.tags.all()]
    if corrections is None:
        corrections = list(article.corrections.all())
    url = absolute_url(article.get_absolute_url())
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url + "#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:110],
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": (article.content_updated_at or article.published_at).isoformat()
        if article.published_at
        else None,
        "author": [
            {"@type": "Person", "name": a.display_name, "url": absolute_url(a.get_absolute_url())}
            for a in article.authors.all()
        ]
        or [{"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL + "/"}],
        "publisher": {"@type": "NewsMediaOrganization", "name": settings.SITE_NAME, "url": settings.SITE_URL + "/"},
        "keywords": [t.name for t, _ in topics],
        "isAccessibleForFree": True,
    }
    if article.featured_image_renditions.get("large"):
        info = article.featured_image_renditions["large"]
        data["image"] = {
            "@type": "ImageObject",
            "url": absolute_url(article.image_url("large")),
            "width": info.get("width"),
            "height": info.get("height"),
            "caption": article.featured_image_caption or article.featured_image_alt,
        }
    # Entities are attached by editors because the story is about them, so
    # they are both its subjects and its mentions; topics are mentions too.
    entities = [entity_ref(e) for e in article.mentioned_entities()]
    if entities:
        data["about"] = entities
    data["mentions"] = [
        *entities,
        *({"@type": "Thing", "name": t.name, "url": absolute_url(path)} for t, path in topics),
    ]
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": c.created_at.isoformat()}
            for c in corrections
        ]
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def site_jsonld() -> dict[str, Any]:
    """The home page's WebSite (with the search box search engines may show)
    and the publisher behind it."""
    home = settings.SITE_URL + "/"
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": home + "#website",
                "url": home,
                "name": settings.SITE_NAME,
                "publisher": {"@id": home + "#publisher"},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {"@type": "EntryPoint", "urlTemplate": home + "search/?q={search_term_string}"},
                    "query-input": "required name=search_term_string",
                },
            },
            {"@type": "NewsMediaOrganization", "@id": home + "#publisher", "name": settings.SITE_NAME, "url": home,
             "correctionsPolicy": absolute_url(reverse("articles:corrections"))},
        ],
    }
