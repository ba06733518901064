"""``conditional_escape`` without its cost, for template tags that build
many small pieces of HTML.

``django.utils.html.conditional_escape`` and ``escape`` are wrapped by
``keep_lazy``, which checks every argument for lazy strings on each call:
that check costs several times the escaping itself (``html.escape``, which
is what Django's ``escape`` runs). A page with a hundred escaped values
spends a tenth of a millisecond on it.
"""

from __future__ import annotations

from html import escape


def escape_html(value) -> str:
    """What ``conditional_escape(value)`` returns: ``value``'s own HTML
    when it is safe (``SafeString``, ``format_html`` output), else
    ``str(value)`` escaped. A plain ``str``, to be marked safe by the caller
    once the pieces are joined."""
    if type(value) is str:
        return escape(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))
