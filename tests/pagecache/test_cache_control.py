"""After an unpublish, no browser keeps the page for more than seconds: a
short max-age for browsers (nobody can purge them), a longer s-maxage for a
CDN that is purged by surrogate key on change."""

from __future__ import annotations

import pytest
from django.utils.cache import get_max_age

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def _directives(response) -> dict[str, str]:
    out = {}
    for part in response["Cache-Control"].split(","):
        name, _, value = part.strip().partition("=")
        out[name] = value
    return out


def test_browsers_keep_anonymous_pages_seconds_not_minutes(client):
    article = make_article("Short-lived in browsers")
    for response in (client.get(article.get_absolute_url()), client.get(article.get_absolute_url())):
        cc = _directives(response)
        assert "public" in cc and "stale-while-revalidate" not in cc
        assert get_max_age(response) <= 10
        # Without a purge URL a CDN must not keep it longer than a browser.
        assert int(cc["s-maxage"]) <= 10


def test_a_cdn_that_is_purged_may_keep_pages_longer(client, settings):
    settings.PAGE_CACHE_CDN_PURGE_URL = "http://cdn.invalid/purge"
    make_article("CDN copy")
    cc = _directives(client.get("/"))
    assert int(cc["max-age"]) <= 10 and int(cc["s-maxage"]) == 300


def test_both_lifetimes_are_settings(client, settings):
    settings.PAGE_CACHE_BROWSER_MAX_AGE = 5
    settings.PAGE_CACHE_CDN_MAX_AGE = 120
    make_article("Configured")
    cc = _directives(client.get("/"))
    assert (cc["max-age"], cc["s-maxage"]) == ("5", "120")
