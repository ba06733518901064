"""``{{ value|date:"..." }}`` in Python, fast for the formats pages repeat.

``django.utils.dateformat`` splits the format with a regular expression and
dispatches one method per character: 10 to 40 µs of CPU per date, and an
article page prints about twenty (its own dates, its corrections', every
related card's). For an aware datetime and the formats below the answer is
put together directly, from the same parts dateformat uses (``isoformat``
for "c", the translated ``MONTHS`` for "F", the time zone's own name for
"T"); anything else goes to the ``date`` filter itself.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.utils.dateformat import TimeFormat
from django.utils.dates import MONTHS
from django.utils.timezone import get_current_timezone, template_localtime
from django.utils.translation import get_language

# The month names of each language, translated once: formatting a lazy
# MONTHS entry runs gettext on every date (about a third of the cost).
_month_names: dict[str | None, tuple[str, ...]] = {}


def month_names() -> tuple[str, ...]:
    """The active language's month names, ``[1]`` for January."""
    language = get_language()
    names = _month_names.get(language)
    if names is None:
        names = _month_names[language] = ("", *(str(MONTHS[m]) for m in range(1, 13)))
    return names


def format_date(value, fmt: str, tz: datetime.tzinfo | None = None) -> str:
    """What ``{{ value|date:fmt }}`` prints, before escaping. ``tz``, when
    given, must be the current time zone (callers formatting many dates
    look it up once)."""
    if value in (None, ""):
        return ""
    if (
        isinstance(value, datetime.datetime)
        and value.utcoffset() is not None  # aware: the template converts it to local time
        and settings.USE_TZ
        and getattr(value, "convert_to_local_time", True)
    ):
        local = value.astimezone(tz or get_current_timezone())
        if fmt == "c":
            return local.isoformat()
        if fmt == "j F Y":
            return f"{local.day} {month_names()[local.month]} {local.year:04d}"
        if fmt == "j F Y, H:i T":
            return f"{local.day} {month_names()[local.month]} {local.year:04d}, {local.hour:02d}:{local.minute:02d} {TimeFormat(local).T()}"
        return date_filter(local, fmt)
    return date_filter(template_localtime(value), fmt)
