"""The home page's "most covered" rankings are kept in the shared cache
between renders, and are still right after a story is published or an
entity is renamed."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_article, make_enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def _recent(title: str, **kwargs):
    # The factory's default dates step back an hour per article made: give
    # one inside the 30-day window whatever ran before in this process.
    return make_article(title, published_at=timezone.now() - datetime.timedelta(hours=1), **kwargs)


def _aside(response) -> str:
    html = response.content.decode()
    return html[html.index('id="trending-heading"'):]


def _aggregates(queries) -> int:
    return sum("COUNT(" in q["sql"] and "GROUP BY" in q["sql"] for q in queries.captured_queries)


def test_a_second_render_reuses_the_rankings_and_a_new_story_changes_them(
    client, django_capture_on_commit_callbacks
):
    baotou = make_enterprise("Baotou Steel")
    _recent("First quota story", enterprises=[baotou], tags=["quotas"])
    with CaptureQueriesContext(connection) as first:
        assert 'Baotou Steel</a> <span class="meta">1 story' in _aside(client.get("/"))
    assert _aggregates(first) == 4
    # Another address, so the page itself is rendered again.
    with CaptureQueriesContext(connection) as second:
        assert 'Baotou Steel</a> <span class="meta">1 story' in _aside(client.get("/?utm_source=x"))
    assert _aggregates(second) == 0

    with django_capture_on_commit_callbacks(execute=True):
        _recent("Second quota story", enterprises=[baotou], tags=["quotas"])
    aside = _aside(client.get("/?again"))
    assert 'Baotou Steel</a> <span class="meta">2 stories' in aside
    assert 'quotas <span class="meta">(2)' in aside


def test_a_renamed_entity_shows_its_new_name_at_once(client, django_capture_on_commit_callbacks):
    company = make_enterprise("Old Name Mining")
    _recent("A mining story", enterprises=[company])
    assert "Old Name Mining" in _aside(client.get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        company.name = "New Name Mining"
        company.save()
    aside = _aside(client.get("/"))
    assert "New Name Mining" in aside and "Old Name Mining" not in aside
