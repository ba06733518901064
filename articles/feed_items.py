"""What a feed item carries, for feeds and the API alike: its GUID (an RFC
4151 tag URI that survives slug and URL changes), its enclosure (the
featured picture's large rendition, with its byte size) and its content
(the whole story with absolute links, rendered by templates)."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.absolute_urls import absolute_html, absolute_url, slug_url

from .models import Article, Correction

ENCLOSURE_RENDITION = "large"


def tag_authority() -> str:
    """The domain in GUIDs. It must never change once feeds are out, so it
    can be pinned with ``FEED_TAG_AUTHORITY`` if the site ever moves."""
    return getattr(settings, "FEED_TAG_AUTHORITY", "") or urlsplit(settings.SITE_URL).hostname or "localhost"


def tag_uri(kind: str, pk: int, created: datetime.datetime) -> str:
    """An RFC 4151 tag URI: stable across slug and URL changes, because it is
    built from the row's id and creation date only."""
    day = created.astimezone(datetime.UTC).date().isoformat()
    return f"tag:{tag_authority()},{day}:{kind}:{pk}"


def article_guid(article: Article) -> str:
    return tag_uri("article", article.pk, article.created_at)


def rendition_bytes(info: dict) -> int:
    """Byte size of a stored rendition: recorded when it was made; asked of
    the storage once (then cached) for renditions made before that."""
    if info.get("bytes"):
        return int(info["bytes"])
    key = f"rendition-bytes:{info['name']}"
    size = cache.get(key)
    if size is None:
        try:
            size = default_storage.size(info["name"])
        except OSError:
            size = 0
        cache.set(key, size, None)
    return size


def article_image(article: Article) -> dict | None:
    info = (article.featured_image_renditions or {}).get(ENCLOSURE_RENDITION)
    if not info:
        return None
    return {
        "url": absolute_url(default_storage.url(info["name"])),
        "type": "image/webp",
        "bytes": rendition_bytes(info),
        "width": info.get("width"),
        "height": info.get("height"),
        "description": article.featured_image_caption or article.featured_image_alt,
        "credit": article.featured_image_credit,
        "alt": article.featured_image_alt,
    }


def summary_html(article: Article) -> str:
    return render_to_string("feeds/item_summary.html", {"article": article})


_UNSET: dict = {}


def content_html(
    article: Article,
    *,
    image: dict | None = _UNSET,
    summary: str | None = None,
    corrections: list[Correction] | None = None,
) -> str:
    """The whole article for a feed reader: lead image, standfirst,
    highlights, body and corrections, with absolute links and images.
    ``image``, ``summary`` and ``corrections`` may be passed when already
    worked out."""
    if image is _UNSET:
        image = article_image(article)
    if corrections is None:
        corrections = list(article.corrections.all())
    caption = " ".join(p for p in (article.featured_image_caption, article.featured_image_credit) if p)
    return render_to_string("feeds/item_content.html", {
        "image": image,
        "caption": caption,
        "summary": mark_safe(summary_html(article) if summary is None else summary),  # noqa: S308 (rendered by a template)
        "body": mark_safe(absolute_html(article.body, slug_url("articles:detail", article.slug))),  # noqa: S308 (sanitised on save)
        "corrections": corrections,
    })
