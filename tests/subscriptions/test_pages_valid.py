"""Every page a reader meets while following by email passes the W3C Nu
HTML checker with no errors (vnu.jar run locally, tests/nu_checker.py)."""

from __future__ import annotations

import os

import pytest

from subscriptions import tokens
from subscriptions.models import Follow, Subscriber
from tests.factories import make_enterprise, make_official
from tests.nu_checker import java, nu_errors

from .helpers import confirmed_reader

# Without Java the checks skip locally; CI sets REQUIRE_NU_CHECKER=1 and fails.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(java() is None and os.environ.get("REQUIRE_NU_CHECKER") != "1",
                       reason="the Nu checker needs Java 17 (apt-get install openjdk-17-jre-headless)"),
]


def test_every_subscription_page_has_no_errors(client, settings):
    settings.SUBSCRIPTIONS_RATE_PER_CLIENT = "1/h"
    li = make_official("Li Wei", profile_published=True)
    baotou = make_enterprise("Baotou Steel Group", profile_published=True)
    reader = confirmed_reader("reader@example.org", ("official", li, "daily"), ("enterprise", baotou, "weekly"),
                              ("site", None, "instant"))
    nobody = Subscriber.objects.create(email="nobody@example.org", confirmed_at=reader.confirmed_at)
    pending = Subscriber.objects.create(email="pending@example.org")
    follow = Follow.objects.create(subscriber=pending, kind="official", official=li, rhythm="daily")
    manage = f"/subscriptions/manage/{tokens.make(tokens.MANAGE, reader)}/"
    unsubscribe = f"/subscriptions/unsubscribe/{tokens.make(tokens.UNSUBSCRIBE, nobody)}/"
    pages = {
        "follow form": ("get", f"/subscriptions/follow/official/{li.slug}/", {}, 200),
        "briefing form": ("get", "/subscriptions/briefing/", {}, 200),
        "follow form with an error": ("post", f"/subscriptions/follow/enterprise/{baotou.slug}/",
                                      {"email": "not an address", "rhythm": "daily"}, 200),
        "slow down": ("post", f"/subscriptions/follow/enterprise/{baotou.slug}/",
                      {"email": "reader@example.org", "rhythm": "daily"}, 429),
        "check your inbox": ("get", "/subscriptions/check-your-inbox/", {}, 200),
        "confirm": ("get", f"/subscriptions/confirm/{tokens.make(tokens.CONFIRM, pending, f=follow.pk)}/", {}, 200),
        "bad link": ("get", "/subscriptions/confirm/not-a-token/", {}, 404),
        "preferences": ("get", manage, {}, 200),
        "preferences, nothing changed": ("post", manage, {"action": "nonsense"}, 400),
        "new link form": ("get", "/subscriptions/manage/", {}, 200),
        "unsubscribe": ("get", unsubscribe, {}, 200),
        "unsubscribed": ("post", unsubscribe, {}, 200),
        "everything deleted": ("post", manage, {"action": "delete-everything"}, 200),
    }
    failures = {}
    for name, (method, url, data, status) in pages.items():
        response = getattr(client, method)(url, data)
        assert response.status_code == status, (name, url, response.status_code)
        errors = nu_errors(response.content.decode())
        if errors:
            failures[name] = errors
    assert failures == {}


def test_preferences_with_nothing_followed_has_no_errors(client):
    reader = confirmed_reader("reader@example.org")
    response = client.get(f"/subscriptions/manage/{tokens.make(tokens.MANAGE, reader)}/")
    assert "You follow nothing at the moment" in response.content.decode()
    assert nu_errors(response.content.decode()) == []
