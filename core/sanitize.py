"""The one allow-list for user-supplied rich HTML (article bodies): the tags
and attributes the body editor can produce (``core/richtext.py``), nothing else.

nh3 (bindings to the Rust ``ammonia`` crate) parses HTML the way browsers do,
so broken markup cannot smuggle a tag past it, which a regex or a hand-written
parser cannot promise.
"""

import re
from html import unescape

import nh3

from core.richtext import TAG_ALIASES, URL_SCHEMES, body_allowlist

# Old markup (imports, pasted source) names some structures with tags the
# editor writes differently: <b> is <strong>, <h1> a top-level <h2>. Renaming
# them first keeps their structure instead of dropping it to bare text. The
# rename needs no care for safety: nh3 parses and cleans the result.
_ALIAS = re.compile(r"<(/?)(" + "|".join(TAG_ALIASES) + r")(?=[\s/>])", re.I)


def _rename_aliases(html: str) -> str:
    return _ALIAS.sub(lambda m: f"<{m.group(1)}{TAG_ALIASES[m.group(2).lower()]}", html)



# Attributes whose values are a small vocabulary or a number: anything else
# is dropped (an <ol type="javascript:…"> is inert, but it is not a list type).
_VALUES = {
    ("ol", "type"): re.compile(r"[1aAiI]"),
    ("ol", "start"): re.compile(r"-?\d{1,6}"),
    ("th", "scope"): re.compile(r"col|row|colgroup|rowgroup"),
    ("th", "colspan"): re.compile(r"\d{1,3}"),
    ("th", "rowspan"): re.compile(r"\d{1,3}"),
    ("td", "colspan"): re.compile(r"\d{1,3}"),
    ("td", "rowspan"): re.compile(r"\d{1,3}"),
    ("figure", "data-library-image"): re.compile(r"\d{1,18}"),
    ("img", "width"): re.compile(r"\d{1,5}"),
    ("img", "height"): re.compile(r"\d{1,5}"),
}


def _checked_value(tag: str, attribute: str, value: str) -> str | None:
    pattern = _VALUES.get((tag, attribute))
    if pattern is None or pattern.fullmatch(value.strip()):
        return value.strip() if pattern else value
    return None


def sanitize_html(html: str | None, *, attribute_filter=None) -> str:
    """Return ``html`` reduced to the allow-list: no scripts, no event
    handlers, no style, no ``javascript:``/``data:`` URLs. An
    ``attribute_filter(tag, attribute, value)`` may rewrite kept attributes
    (feeds make URLs absolute with it)."""
    if not html:
        return ""
    tags, attributes = body_allowlist()

    def checked(tag: str, attribute: str, value: str) -> str | None:
        value = _checked_value(tag, attribute, value)
        if value is not None and attribute_filter is not None:
            return attribute_filter(tag, attribute, value)
        return value

    return nh3.clean(
        _rename_aliases(html),
        tags=set(tags),
        attributes={tag: set(names) for tag, names in attributes.items()},
        url_schemes=set(URL_SCHEMES),
        # Reader-facing rel/target are added at render time, where we know
        # which links are external; stored HTML stays as the editor wrote it.
        link_rel=None,
        strip_comments=True,
        attribute_filter=checked,
    ).strip()


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment (for search, summaries, similarity)."""
    if not html:
        return ""
    text = nh3.clean(html, tags=set(), attributes={})
    # nh3 escapes what it returns; undo the entity escaping for plain text.
    return " ".join(unescape(text).split())
