"""Path converters shared by every app's URLconf."""

from __future__ import annotations


class TextConverter:
    """Like ``str`` (anything but a slash) but without control characters.

    PostgreSQL refuses a NUL byte in text and raises on the query, so a
    segment that reaches a lookup must not carry one: such a URL matches no
    pattern and is a 404 on every database, instead of a 500 on one."""

    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
