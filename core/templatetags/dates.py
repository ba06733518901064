"""The machine-readable value of ``<time datetime>``, for every template.

Django's ``date:'c'`` keeps microseconds, and HTML allows at most three
digits of a second's fraction, so the W3C checker rejects it. Whole seconds
are what a reader's tools need. Registered as a builtin (settings
``TEMPLATES``), so templates use it without ``{% load %}``."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value: datetime.date | datetime.datetime | None) -> str:
    """``2026-12-03T09:40:23+00:00`` for a datetime (in the current time
    zone), ``2026-12-03`` for a date, empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
