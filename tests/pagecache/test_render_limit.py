"""One client can make the site render only so many pages: page-cache
misses beyond PAGE_RENDER_RATE get 429 with Retry-After; hits never do."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _bounded(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_RENDER_RATE = "5/m"


def test_misses_beyond_the_rate_are_refused_with_retry_after(client):
    make_article("Bounded story", tags=["cerium"])
    statuses = [client.get(f"/search/?q=fuzz{n}").status_code for n in range(8)]
    assert statuses == [200] * 5 + [429] * 3
    refused = client.get("/search/?q=one-more")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "no-store" in refused["Cache-Control"]
    assert "Too many requests" in refused.content.decode()


def test_cached_pages_are_never_limited(client):
    make_article("Popular story")
    client.get("/")
    for n in range(5):
        client.get(f"/search/?q=spend{n}")
    assert client.get("/search/?q=over").status_code == 429
    assert all(client.get("/").status_code == 200 for _ in range(20))
    # Made-up parameters share the plain page's entry: hits, not renders.
    assert client.get("/?x=random-123").status_code == 200


def test_each_client_address_has_its_own_allowance(client):
    make_article("Shared allowance")
    for n in range(6):
        client.get(f"/search/?q=a{n}")
    assert client.get("/search/?q=a-more").status_code == 429
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.get("/search/?q=b0").status_code == 200


def test_behind_a_proxy_the_forwarded_address_is_counted(client, settings):
    settings.PAGE_RENDER_PROXY_COUNT = 1
    make_article("Proxied")
    for n in range(6):
        client.get(f"/search/?q=p{n}", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client.get("/search/?q=p-more", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # A client cannot pick another address by prepending to the header.
    assert client.get("/search/?q=p-x", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1").status_code == 429
    assert client.get("/search/?q=p-y", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_an_empty_rate_turns_the_bound_off(client, settings):
    settings.PAGE_RENDER_RATE = ""
    make_article("Unbounded")
    assert all(client.get(f"/search/?q=u{n}").status_code == 200 for n in range(10))
