"""``{% feed_links %}``: the <link rel="alternate"> tags for a page's feeds.

In base.html's ``{% block feeds %}`` it gives every page the site-wide
feeds, plus the page's own feed on topic, official, enterprise, regulator and
author pages. The page is recognised from the URL it was served for, so the
page templates need no change; a template may still pass the object
explicitly: ``{% feed_links tag %}``.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from articles.feeds import feed_links as _feed_links
from articles.feeds import site_feed_links

register = template.Library()

# Page URL name -> (feed URL name, context variable holding the page's object)
PAGE_FEEDS = {
    "articles:topic": ("articles:topic_feed", "tag"),
    "entities:official": ("entities:official_feed", "entity"),
    "entities:enterprise": ("entities:enterprise_feed", "entity"),
    "entities:regulator": ("entities:regulator_feed", "entity"),
    "authors:detail": ("authors:feed", "author"),
}


def _name(obj) -> str:
    return getattr(obj, "name", None) or getattr(obj, "display_name", None) or str(obj)


def page_feeds(request, context, obj=None) -> list[dict]:
    """Feeds that fit the page being rendered, the page's own first."""
    match = getattr(request, "resolver_match", None)
    entry = PAGE_FEEDS.get(match.view_name) if match else None
    if not entry or "slug" not in match.kwargs:
        return []
    url_name, context_name = entry
    obj = obj or context.get(context_name)
    title = f"{settings.SITE_NAME}: {_name(obj)}" if obj is not None else f"{settings.SITE_NAME}: this page"
    try:
        return _feed_links(url_name, title, slug=getattr(obj, "slug", None) or match.kwargs["slug"])
    except NoReverseMatch:
        return []


@register.simple_tag(takes_context=True)
def feed_links(context, obj=None) -> SafeString:
    """One ``<link rel="alternate">`` per feed. Built here rather than in an
    included template: it is on every page, and the include cost more CPU
    than the rest of the page's head."""
    request = context.get("request")
    site = conditional_escape(settings.SITE_URL)
    links = "".join(
        f'<link rel="alternate" type="{conditional_escape(feed["type"])}" title="{conditional_escape(feed["title"])}"'
        f' href="{site}{conditional_escape(feed["url"])}">\n  '
        for feed in [*page_feeds(request, context, obj), *site_feed_links()]
    )
    return mark_safe(links + "\n")  # noqa: S308 (every value escaped above)
