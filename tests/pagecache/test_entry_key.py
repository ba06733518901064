"""The page-cache key is made of the parameters pages read: tracking or
made-up parameters cannot force a render or fill the cache."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_unknown_and_tracking_parameters_share_the_plain_pages_entry(client):
    make_article("One story")
    assert client.get("/")["X-Page-Cache"] == "miss, stored"
    for query in ("?utm_source=newsletter", "?x=8d1c5e", "?fbclid=abc&gclid=def"):
        assert client.get("/" + query)["X-Page-Cache"] == "hit", query


def test_parameters_pages_read_are_kept_in_any_order(client):
    for i in range(25):
        make_article(f"Story {i}")
    assert client.get("/?page=2")["X-Page-Cache"] == "miss, stored"
    assert client.get("/?page=2&utm_medium=x")["X-Page-Cache"] == "hit"
    assert client.get("/")["X-Page-Cache"] == "miss, stored"
    assert client.get("/search/?q=story&topic=x")["X-Page-Cache"].startswith("miss")
    assert client.get("/search/?topic=x&q=story")["X-Page-Cache"] == "hit"


def test_a_parameter_allowed_in_settings_gets_its_own_entry(client, settings):
    """How the benchmark's cold runs (``?_cold=<n>``) still miss."""
    settings.PAGE_CACHE_QUERY_PARAMS = [*settings.PAGE_CACHE_QUERY_PARAMS, "_cold"]
    make_article("Bench story")
    assert client.get("/?_cold=1")["X-Page-Cache"] == "miss, stored"
    assert client.get("/?_cold=2")["X-Page-Cache"] == "miss, stored"
