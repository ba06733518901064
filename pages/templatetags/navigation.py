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
    # Both menus come from one cache read per page: the second tag finds
    # them in the render context (Django's per-render store for tags).
    menus = context.render_context.get(nav.CACHE_KEY)
    if menus is None:
        menus = context.render_context[nav.CACHE_KEY] = nav.menus()
    return {"place": place, "items": menus.get(place, []), "built_in": menus.get(nav.BUILT_IN, {}).get(place, []),
            "request": request, "current_year": context.get("current_year")}
