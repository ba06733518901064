"""core.date_formats prints what Django's ``date`` filter prints, in the
active language and the current time zone."""

import datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from core.date_formats import format_date

MOMENTS = [
    datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=datetime.UTC),  # 1 March in Shanghai
    datetime.datetime(2026, 12, 31, 16, 5, tzinfo=datetime.UTC),  # New Year's Day in Shanghai
    datetime.datetime(2025, 5, 9, 0, 0, tzinfo=datetime.UTC),
]


@pytest.mark.parametrize("language", ["en-gb", "de", "zh-hans"])
@pytest.mark.parametrize("fmt", ["c", "j F Y", "j F Y, H:i T", "Y-m-d"])
def test_same_text_as_the_date_filter(language, fmt, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    with translation.override(language), timezone.override("Asia/Shanghai"):
        for moment in MOMENTS:
            assert format_date(moment, fmt) == date_filter(timezone.localtime(moment), fmt)


def test_month_names_follow_the_language_switched_to():
    moment = MOMENTS[2]
    with translation.override("de"):
        german = format_date(moment, "j F Y")
    with translation.override("en-gb"):
        english = format_date(moment, "j F Y")
    assert german == "9 Mai 2025" and english == "9 May 2025"
