"""The one allow-list for user-supplied rich HTML (article bodies).

nh3 (bindings to the Rust ``ammonia`` crate) parses HTML the way browsers do,
so broken markup cannot smuggle a tag past it, which a regex or a hand-written
parser cannot promise.
"""

from html import unescape

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
    "blockquote", "q", "cite", "abbr", "code", "pre",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height", "title"},
    "th": {"scope", "colspan", "rowspan", "abbr"},
    "td": {"colspan", "rowspan", "headers"},
    "col": {"span"},
    "colgroup": {"span"},
    "abbr": {"title"},
    "ol": {"start", "reversed"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str | None, *, attribute_filter=None) -> str:
    """Return ``html`` reduced to the allow-list: no scripts, no event
    handlers, no style, no ``javascript:``/``data:`` URLs. An
    ``attribute_filter(tag, attribute, value)`` may rewrite kept attributes
    (feeds make URLs absolute with it)."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        # Reader-facing rel/target are added at render time, where we know
        # which links are external; stored HTML stays as the editor wrote it.
        link_rel=None,
        strip_comments=True,
        attribute_filter=attribute_filter,
    ).strip()


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment (for search, summaries, similarity)."""
    if not html:
        return ""
    text = nh3.clean(html, tags=set(), attributes={})
    # nh3 escapes what it returns; undo the entity escaping for plain text.
    return " ".join(unescape(text).split())
