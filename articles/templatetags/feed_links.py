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


@register.inclusion_tag("includes/feed_links.html", takes_context=True)
def feed_links(context, obj=None) -> dict:
    """One ``<link rel="alternate">`` per feed."""
    request = context.get("request")
    return {"feeds": [*page_feeds(request, context, obj), *site_feed_links()], "site_url": settings.SITE_URL}
