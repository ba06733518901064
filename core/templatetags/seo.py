"""Template filters for search-engine markup."""

from django import template

from core.seo import jsonld_script

register = template.Library()


@register.filter
def jsonld(data):
    """Render a dict as a safe JSON-LD <script> element."""
    return jsonld_script(data) if data else ""
