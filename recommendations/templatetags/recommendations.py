"""The article page's "You Might Also Like" block.

A template tag rather than view context because recommendations sit above
articles: the article template asks for the list, the view never imports it."""

from django import template

from articles.models import Article

from ..selectors import related_for_page

register = template.Library()


@register.inclusion_tag("includes/related.html")
def related_articles(article: Article) -> dict:
    return {"related": related_for_page(article)}
