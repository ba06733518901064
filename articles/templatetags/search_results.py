"""``{% search_results articles %}``: the ``<li>`` items of a search results
page. A tag rather than an included template per result: twenty includes,
with their variable lookups, date filters and topic loops, cost more CPU
than the rest of the search page's Python (about a third of a page-cache
miss). It prints exactly what ``includes/search_result.html`` printed."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone

from core.date_formats import format_date
from core.escaping import escape_html
from core.urls import slug_paths

from .bylines import byline

register = template.Library()


def _result(context, article, tz, topic_path) -> str:
    snippet = getattr(article, "snippet_html", "")
    snippet = f'\n  <p class="snippet">{escape_html(snippet)}</p>' if snippet else "\n  "
    links = getattr(article, "tag_links", None)
    topics = ""
    if links:
        topics = " · " + ", ".join(
            f'<a href="{escape_html(topic_path(link.tag.slug))}">{escape_html(link.tag.name)}</a>' for link in links
        )
    published = article.published_at
    return (
        '<li><article class="search-result">\n'
        f'  <h3><a href="{escape_html(article.get_absolute_url())}">{escape_html(article.title_html)}</a></h3>'
        f"{snippet}\n"
        f'  <p class="meta">{escape_html(byline(context, article))} · '
        f'<time datetime="{escape_html(format_date(published, "c", tz))}">{escape_html(format_date(published, "j F Y", tz))}</time>'
        f"{topics}</p>\n</article>\n</li>"
    )


@register.simple_tag(takes_context=True)
def search_results(context, articles) -> SafeString:
    """Each article (with ``title_html`` and ``snippet_html`` from
    ``search.attach_snippets``) as a result item."""
    tz = get_current_timezone()
    topic_path = slug_paths("articles:topic")
    return mark_safe("".join(_result(context, a, tz, topic_path) for a in articles))  # noqa: S308 (every value escaped in _result)
