"""Titles and snippets of a results page as safe HTML: escaped text whose only
markup is our ``<mark>`` tags. The headline sentinels are characters stripped
from indexed text, so nothing in an article can forge them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article

from .documents import MARK_END, MARK_START
from .engine import ArticleSearch


def _marked(headline: str | None) -> SafeString:
    """A ts_headline result as HTML: all text escaped, sentinels to <mark>."""
    html = escape(headline or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # escaped above: only our <mark> tags


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """``text`` escaped, with every occurrence of a term wrapped in <mark>."""
    terms = [t for t in terms if t]
    if not text or not terms:
        return escape(text or "")
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece escaped


def build_snippet(text: str, terms: Sequence[str], *, width: int = 240) -> SafeString:
    """About ``width`` characters of ``text`` around the first matching term,
    escaped, with matches in <mark> and ellipses where text was cut."""
    text = text or ""
    if not text:
        return mark_safe("")
    lowered, first = text.lower(), -1
    for term in terms:
        pos = lowered.find(term)
        if pos >= 0 and (first < 0 or pos < first):
            first = pos
    start = max(0, first - width // 3) if first >= 0 else 0
    if start:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space >= 0 and (first < 0 or space < first) else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > start and (first < 0 or space > first) else end
    html = highlight(text[start:end], terms)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))  # pieces escaped by highlight()


def attach_snippets(articles: Iterable[Article], search: ArticleSearch) -> list[Article]:
    """Give each article of a results page ``title_html`` and ``snippet_html``
    (safe HTML: escaped text and <mark> tags only)."""
    articles = list(articles)
    for article in articles:
        if search.mode == "fulltext":
            article.title_html = _marked(article.title_headline)
            article.snippet_html = _marked(article.snippet_headline)
        elif search.mode == "substring":
            doc = getattr(article, "search_document", None)
            terms = search.highlight_terms
            article.title_html = highlight(article.title, terms)
            text = f"{doc.summary} {doc.body}".strip() if doc else article.standfirst
            article.snippet_html = build_snippet(text, terms)
        else:
            article.title_html = escape(article.title)
            article.snippet_html = escape(article.standfirst)
    return articles
