"""The parts of the article page (``articles/detail.html``) that loop or
format dates: its head meta, header, lead image, highlights, corrections,
topics and the people and organisations it names.

Tags rather than template markup: the page is rendered on every page-cache
miss, and resolving its ~150 variables, loops and date filters in the
template language cost about 2 ms of CPU, more than its ten SQL queries.
Each tag prints exactly what the markup it replaced printed (the values
escaped and formatted as ``{{ value }}`` and ``|date`` do), so previews,
which extend the same template, are unchanged too.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from core.date_formats import format_date
from core.escaping import escape_html
from core.lean_prefetch import prefetched
from core.urls import slug_paths

from .bylines import byline

register = template.Library()


def _v(value) -> str:
    """``{{ value }}``: what the template engine prints for a variable."""
    if type(value) is str:
        return escape(value)
    return escape_html(localize(template_localtime(value)))


def _date(value, fmt: str) -> str:
    """``{{ value|date:fmt }}``."""
    return escape(format_date(value, fmt))


def _is_later(a, b) -> bool:
    """``{% if a > b %}``, which is false when the two cannot be compared
    (a preview's unpublished article has no publish date)."""
    try:
        return a > b
    except TypeError:
        return False


def _safe(html: str) -> SafeString:
    return mark_safe(html)  # noqa: S308 (every value in it went through _v, _date or a URL helper)


@register.simple_tag
def article_head_meta(article) -> SafeString:
    """The article's Open Graph dates and topics, for ``{% block head %}``."""
    parts = []
    if article.published_at:
        parts.append(f'<meta property="article:published_time" content="{_date(article.published_at, "c")}">')
    if article.content_updated_at:
        parts.append(
            f'\n  <meta property="article:modified_time" content="{_date(article.content_updated_at, "c")}">'
        )
    parts.extend(f'\n  <meta property="article:tag" content="{_v(tag.name)}">' for tag in prefetched(article, "tags"))
    return _safe("".join(parts))


@register.simple_tag(takes_context=True)
def article_header(context, article) -> SafeString:
    """Kicker (the first topic), headline, standfirst, byline and dates."""
    tags = prefetched(article, "tags")
    parts = []
    if tags:
        first = tags[0]
        url = escape(slug_paths("articles:topic")(first.slug))
        parts.append(f'<p class="kicker"><a href="{url}">{_v(first.name)}</a></p>')
    parts.append(f'\n    <h1 id="article-title">{_v(article.title)}</h1>\n    ')
    if article.standfirst:
        parts.append(f'<p class="standfirst">{_v(article.standfirst)}</p>')
    parts.append(f'\n    <p class="meta byline">{byline(context, article)}</p>\n    ')
    published, updated = article.published_at, article.content_updated_at
    parts.append(
        f'<p class="meta dates">Published <time datetime="{_date(published, "c")}">'
        f'{_date(published, "j F Y, H:i T")}</time>'
    )
    if updated and _is_later(updated, published):
        parts.append(
            f'<span class="updated"> · Updated <time datetime="{_date(updated, "c")}">'
            f'{_date(updated, "j F Y, H:i T")}</time></span>'
        )
    parts.append("</p>")
    return _safe("".join(parts))


@register.simple_tag
def article_lead_image(article) -> SafeString:
    """The featured image's large rendition with its caption and credit."""
    renditions = article.featured_image_renditions
    large = renditions.get("large") if isinstance(renditions, dict) else None
    if not large:
        return _safe("")
    # ``{{ large.width }}`` prints "" for a missing key.
    size = large if isinstance(large, dict) else {}
    width = _v(size["width"]) if "width" in size else ""
    height = _v(size["height"]) if "height" in size else ""
    caption, credit = article.featured_image_caption, article.featured_image_credit
    figcaption = ""
    if caption or credit:
        credit_html = f' <span class="credit">Photo: {_v(credit)}</span>' if credit else ""
        figcaption = f"<figcaption>{_v(caption)}{credit_html}</figcaption>"
    return _safe(
        f'\n  <figure class="lead-image">\n    <img src="{_v(article.image_url("large"))}"'
        f' alt="{_v(article.featured_image_alt)}" width="{width}" height="{height}">\n    {figcaption}\n'
        "  </figure>\n  "
    )


@register.simple_tag
def article_highlights(article) -> SafeString:
    if not article.highlights:
        return _safe("")
    items = "".join(f"<li>{_v(h)}</li>" for h in article.highlights)
    return _list_section('class="highlights"', "highlights-heading", "Highlights", items)


@register.simple_tag
def article_corrections(article) -> SafeString:
    corrections = prefetched(article, "corrections")
    if not corrections:
        return _safe("")
    items = "".join(
        f'<li><strong>{_v(c.get_kind_display())}, <time datetime="{_date(c.created_at, "c")}">'
        f'{_date(c.created_at, "j F Y")}</time>:</strong> {_v(c.text)}</li>'
        for c in corrections
    )
    return _list_section('class="corrections" id="corrections"', "corrections-heading", "Corrections and updates", items)


def _list_section(attributes: str, heading_id: str, heading: str, items: str) -> SafeString:
    """A headed section holding one list, as the page's template wrote it."""
    return _safe(
        f'\n  <section {attributes} aria-labelledby="{heading_id}">\n'
        f'    <h2 id="{heading_id}">{heading}</h2>\n    <ul>{items}</ul>\n  </section>\n  '
    )


@register.simple_tag
def article_topics(article) -> SafeString:
    tags = prefetched(article, "tags")
    if not tags:
        return _safe("")
    topic_path = slug_paths("articles:topic")
    items = "".join(f'<li><a href="{escape(topic_path(tag.slug))}">{_v(tag.name)}</a></li>' for tag in tags)
    return _safe(
        '\n  <section class="tags" aria-labelledby="tags-heading"><h2 id="tags-heading">Topics</h2>'
        f"<ul>{items}</ul></section>\n  "
    )


@register.simple_tag
def article_mentions(article, officials) -> SafeString:
    """The people (``officials``: (official, post held then) pairs), companies
    and regulators the story names, each linked to its profile."""
    enterprises, regulators = prefetched(article, "enterprises"), prefetched(article, "regulators")
    if not (officials or enterprises or regulators):
        return _safe("\n\n\n\n")
    people = companies = bodies = ""
    if officials:
        items = "".join(
            f'<li><a href="{_v(o.get_absolute_url())}">{_v(o.name)}</a>'
            + (f' <span lang="zh">{_v(o.native_name)}</span>' if o.native_name else "")
            + (f'<span class="post">, {_v(post)}</span>' if post else "")
            + "</li>"
            for o, post in officials
        )
        people = f"<h3>People</h3>\n  <ul>{items}</ul>"
    if enterprises:
        items = "".join(
            f'<li><a href="{_v(e.get_absolute_url())}">{_v(e.name)}</a>'
            + (f' <span lang="zh">{_v(e.native_name)}</span>' if e.native_name else "")
            + f' <span class="meta">({_v(e.get_ownership_display())})</span></li>'
            for e in enterprises
        )
        companies = f"<h3>Companies</h3>\n  <ul>{items}</ul>"
    if regulators:
        items = "".join(
            f'<li><a href="{_v(r.get_absolute_url())}">{_v(r.name)}</a>'
            + (f" <abbr>{_v(r.acronym)}</abbr>" if r.acronym else "")
            + "</li>"
            for r in regulators
        )
        bodies = f"<h3>Regulators</h3>\n  <ul>{items}</ul>"
    return _safe(
        '\n\n\n<section class="mentions" aria-labelledby="mentions-heading">\n'
        '  <h2 id="mentions-heading">People and organisations in this story</h2>\n'
        f"  {people}\n  {companies}\n  {bodies}\n</section>\n\n\n"
    )
