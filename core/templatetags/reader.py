"""Template filters for reader-facing HTML."""

import re
from html import unescape
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Bodies are sanitized by nh3 on save, which serializes anchors as
# <a href="..."> with double-quoted attributes and never nests them.
_ANCHOR = re.compile(r"<a(\s[^>]*)?>(.*?)</a>", re.S | re.I)
_HREF = re.compile(r'\shref="([^"]*)"', re.I)
_NEW_TAB_LABEL = '<span class="visually-hidden"> (opens in a new tab)</span>'
_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S | re.I)
_TAGS = re.compile(r"<[^>]+>")


def is_external(href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https"):
        return False
    own = urlsplit(settings.SITE_URL).hostname
    return bool(parts.hostname) and parts.hostname != own


@register.filter
def reader_html(html: str) -> SafeString:
    """Stored (sanitized) body HTML as readers get it: external links open in
    a new tab, with rel="noopener" and a label telling screen-reader users."""

    def mark(match: re.Match) -> str:
        attrs, inner = match.group(1) or "", match.group(2)
        href = _HREF.search(attrs)
        if not href or not is_external(unescape(href.group(1))):
            return match.group(0)
        return f'<a{attrs} target="_blank" rel="noopener noreferrer">{inner}{_NEW_TAB_LABEL}</a>'

    def wrap_table(match: re.Match) -> str:
        # A wide table scrolls inside its own box on phones; the box is
        # focusable so keyboard users can scroll it, and named after the
        # caption so screen-reader users know what the region holds.
        caption = _CAPTION.search(match.group(0))
        label = " ".join(_TAGS.sub("", caption.group(1)).split()) if caption else "Table"
        return (
            f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(unescape(label))}">'
            f"{match.group(0)}</div>"
        )

    html = _ANCHOR.sub(mark, html or "")
    return mark_safe(_TABLE.sub(wrap_table, html))


@register.filter
def image_url(obj, rendition: str = "card") -> str:
    """URL of one rendition of an object's main image (an article's featured
    image, an official's photo, a logo), "" when it has none."""
    for method in ("image_url", "photo_url", "logo_url"):
        if hasattr(obj, method):
            return getattr(obj, method)(rendition)
    return ""

