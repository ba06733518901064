"""Absolute URLs for content read outside the site (feeds, the API).

A feed reader or an app has no page to resolve ``/media/x.webp`` or
``../other-story/`` against, so every link and image leaving the site is made
absolute against ``settings.SITE_URL``.
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.urls import reverse

from .sanitize import sanitize_html

_URL_ATTRIBUTES = {"href", "src", "cite"}
# A URL attribute in nh3's output, which always writes attributes as
# ` name="value"` (quotes in values escaped). Text that merely looks like one
# only costs the slow path, never a missed URL. (Scanning for it costs more
# than nh3 itself, so plain substring tests go first.)
_URL_ATTRIBUTE_VALUE = re.compile(r'\s(?:href|src|cite)="([^"]*)"')


def absolute_url(url: str) -> str:
    """``url`` made absolute against the site's canonical address; URLs that
    already carry a scheme (https:, mailto:) are returned unchanged."""
    if not url:
        return ""
    if url[0] == "/" and url[1:2] != "/":
        return settings.SITE_URL + url  # the common case, without urljoin's cost
    if urlsplit(url).scheme:
        return url
    return urljoin(settings.SITE_URL + "/", url)


def slug_url(name: str, slug: str) -> str:
    """Absolute URL of the route ``name`` taking one ``slug`` argument."""
    return settings.SITE_URL + reverse(name, kwargs={"slug": slug})


def absolute_html(html: str | None, base_url: str) -> str:
    """Sanitized ``html`` with every relative ``href``/``src``/``cite``
    resolved against ``base_url`` (the absolute URL of the page the HTML
    belongs to). Sanitizing again is cheap and means HTML that reached the
    database by another road (a bulk update, an import) is still safe to
    hand to other software."""
    if not html:
        return ""
    # Sanitize without the Python callback first (nh3 then stays in Rust):
    # when no kept URL is relative the callback would change nothing, so
    # this is the answer. Only bodies with a relative URL pay a second pass.
    clean = sanitize_html(html)
    if ("href=" not in clean and "src=" not in clean and "cite=" not in clean) or not any(
        _is_relative(html_lib.unescape(value)) for value in _URL_ATTRIBUTE_VALUE.findall(clean)
    ):
        return clean
    base = absolute_url(base_url)

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        if attribute in _URL_ATTRIBUTES and _is_relative(value):
            return urljoin(base, value)
        return value

    return sanitize_html(html, attribute_filter=rewrite)


def _is_relative(url: str) -> bool:
    return bool(url) and not urlsplit(url).scheme
