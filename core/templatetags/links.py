"""Links every page repeats, without ``reverse()``'s cost each time (see core/urls.py)."""

from django import template

from core.urls import fixed_path, slug_path

register = template.Library()


@register.simple_tag
def fixed_url(viewname: str, **kwargs) -> str:
    """``{% url viewname %}`` for a URL without arguments (or with arguments
    of few values, such as a year), reversed once per process."""
    return fixed_path(viewname, **kwargs)


@register.filter
def topic_url(tag) -> str:
    """The topic page of a tag: ``{{ tag|topic_url }}``."""
    return slug_path("articles:topic", tag.slug)
