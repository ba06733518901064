"""The preferences page by signed link: see, change, remove, export, delete."""

from __future__ import annotations

import json

import pytest

from subscriptions import tokens
from subscriptions.models import Follow, Subscriber
from tests.factories import make_enterprise, make_official

from .helpers import confirmed_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return confirmed_reader("reader@example.org", ("official", make_official("Li Wei", profile_published=True), "daily"),
                            ("enterprise", make_enterprise("Baotou Steel Group", profile_published=True), "weekly"))


def manage_url(subscriber) -> str:
    return f"/subscriptions/manage/{tokens.make(tokens.MANAGE, subscriber)}/"


def test_the_page_lists_every_follow_and_changes_them(client, reader):
    url = manage_url(reader)
    page = client.get(url)
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert "private" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    html = page.content.decode()
    assert "Li Wei" in html and "Baotou Steel Group" in html and "reader@example.org" in html
    li = Follow.objects.get(official__name="Li Wei")
    assert client.post(url, {"action": "rhythm", "follow": li.pk, "rhythm": "instant"}).status_code == 302
    li.refresh_from_db()
    assert li.rhythm == "instant"
    client.post(url, {"action": "rhythm-all", "rhythm": "weekly"})
    assert set(reader.follows.values_list("rhythm", flat=True)) == {"weekly"}
    client.post(url, {"action": "remove", "follow": li.pk})
    assert list(reader.follows.values_list("enterprise__name", flat=True)) == ["Baotou Steel Group"]
    assert client.post(url, {"action": "rhythm", "follow": "x", "rhythm": "sometimes"}).status_code == 400


def test_a_link_changes_only_its_own_readers_follows(client, reader):
    other = confirmed_reader("other@example.org", ("site", None, "daily"))
    mine = manage_url(reader)
    client.post(mine, {"action": "remove", "follow": other.follows.get().pk})
    assert other.follows.count() == 1


def test_export_gives_everything_stored_as_json(client, reader):
    response = client.get(manage_url(reader) + "export.json")
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert data["email"] == "reader@example.org" and data["consent_given_at"]
    assert {f["name"] for f in data["follows"]} == {"Li Wei", "Baotou Steel Group"}


def test_delete_everything_leaves_nothing_and_kills_the_links(client, reader):
    url = manage_url(reader)
    assert client.post(url, {"action": "delete-everything"}).status_code == 200
    assert not Subscriber.objects.exists() and not Follow.objects.exists()
    assert client.get(url).status_code == 404
    # The same address signing up again gets new links; the old ones stay dead.
    Subscriber.objects.create(email="reader@example.org")
    assert client.get(url).status_code == 404


def test_a_preferences_link_is_not_an_unsubscribe_or_confirm_link(client, reader):
    token = tokens.make(tokens.MANAGE, reader)
    assert client.post(f"/subscriptions/unsubscribe/{token}/").status_code == 200
    assert Subscriber.objects.exists()  # wrong purpose: nothing happened
    assert client.get(f"/subscriptions/confirm/{token}/").status_code == 404


def test_a_fresh_link_goes_to_confirmed_addresses_only(client, reader, smtp):
    Subscriber.objects.create(email="pending@example.org")
    a = client.post("/subscriptions/manage/", {"email": "reader@example.org"})
    b = client.post("/subscriptions/manage/", {"email": "pending@example.org"})
    c = client.post("/subscriptions/manage/", {"email": "nobody@example.org"})
    assert a["Location"] == b["Location"] == c["Location"] == "/subscriptions/check-your-inbox/"
    assert [m["To"] for m in smtp.messages] == ["reader@example.org"]
