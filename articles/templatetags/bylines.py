"""``{% byline article %}``: "By A, B and C" with links to the authors' pages,
or the outlet's name when the article has no byline."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/byline.html", takes_context=True)
def byline(context, article) -> dict:
    """The article's authors in byline order (prefetched with
    ``querysets.byline_prefetch`` on list pages)."""
    return {"authors": list(article.authors.all()), "site_name": context.get("SITE_NAME", settings.SITE_NAME)}
