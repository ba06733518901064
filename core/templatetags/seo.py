"""Template filters for search-engine markup."""

from django import template

from core.seo import absolute_url, jsonld_script

register = template.Library()


@register.filter
def jsonld(data):
    """Render a dict as a safe JSON-LD <script> element."""
    return jsonld_script(data) if data else ""


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's canonical absolute URL: a view's ``canonical_url`` if it set
    one, else SITE_URL + path, keeping only the page number (other query
    strings, tracking tags included, are not part of a page's identity)."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context.get("request")
    path = request.path if request else "/"
    page = context.get("page")
    number = getattr(page, "number", 1)
    return absolute_url(path) + (f"?page={number}" if isinstance(number, int) and number > 1 else "")
