"""{% navigation "main" %} and {% navigation "footer" %}: the menus edited
in the admin, from one cache read (pages.navigation). An empty menu shows
the site's built-in links instead."""

from __future__ import annotations

from django import template

from pagecache.dependencies import cache_depends

from .. import navigation as nav

register = template.Library()


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def navigation(context, place: str) -> dict:
    request = context.get("request")
    # Every cached page carries the key a menu change bumps.
    cache_depends(request, nav.DEPENDENCY)
    return {"place": place, "items": nav.menus().get(place, []), "request": request,
            "current_year": context.get("current_year")}
