"""The Subscribers section for editors (not writers), and follow buttons
that leave the pages they sit on cacheable."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from subscriptions.models import ScheduledRun, Subscriber
from tests.factories import make_article, make_official, make_user

from .conftest import parts
from .helpers import confirmed_reader

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/subscriptions/subscriber/overview/"


@pytest.fixture
def readers():
    li = make_official("Li Wei", profile_published=True)
    confirmed_reader("one@example.org", ("official", li, "daily"), ("site", None, "daily"))
    confirmed_reader("two@example.org", ("official", li, "instant"))
    Subscriber.objects.create(email="pending@example.org")
    # In the next briefing's window (the factory's default date drifts back an hour per article made).
    make_article("Today's rare-earth quota story", published_at=timezone.now() - datetime.timedelta(hours=1))
    return li


def test_editors_see_counts_addresses_and_the_next_briefing(client, readers):
    client.force_login(make_user(group="Editors"))
    page = client.get(OVERVIEW).content.decode()
    assert "2 confirmed addresses" in page and "1 waiting for confirmation" in page
    assert "<td>Li Wei</td><td>2</td><td>1</td><td>1</td><td>0</td>" in page.replace("\n", "")
    assert "Preview it" in page and "Send a test to me" in page
    assert "one@example.org" in client.get("/admin/subscriptions/subscriber/").content.decode()
    preview = client.get(OVERVIEW + "preview/")
    assert preview.status_code == 200 and b"rare-earth quota story" in preview.content
    assert "unsafe-inline" in preview["Content-Security-Policy"]


def test_the_overview_says_when_the_briefing_goes_out(client, readers):
    client.force_login(make_user(group="Editors"))
    assert "No run is scheduled" in client.get(OVERVIEW).content.decode()
    ScheduledRun.objects.create(job="digest-daily", next_run_at=datetime.datetime(2026, 12, 5, 7, 0, tzinfo=datetime.UTC))
    assert "It goes out at 5 December 2026, 07:00" in client.get(OVERVIEW).content.decode()


def test_send_a_test_to_me_mails_the_editor_the_next_briefing(client, readers, smtp):
    editor = make_user(group="Editors")
    client.force_login(editor)
    response = client.post(OVERVIEW + "send-test/")
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["To"] == editor.email and message["Subject"].startswith("[Test]")
    assert "Today's rare-earth quota story" in parts(message)[0]
    assert client.get(OVERVIEW + "send-test/").status_code == 405


def test_writers_see_neither_counts_nor_addresses(client, readers):
    client.force_login(make_user(group="Writers"))
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(OVERVIEW + "preview/").status_code == 403
    assert client.get("/admin/subscriptions/subscriber/").status_code == 403
    assert client.get("/admin/subscriptions/delivery/").status_code == 403
    assert b"Subscribers" not in client.get("/admin/").content


def test_pages_with_a_follow_button_are_still_cached(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    official = make_official("Li Wei", profile_published=True)
    make_article(officials=[official], tags=["Magnets"])
    for url in (official.get_absolute_url(), "/", "/topics/magnets/"):
        first, second = client.get(url), client.get(url)
        assert first["X-Page-Cache"] == "miss, stored", url
        assert second["X-Page-Cache"] == "hit", url
        assert b"csrfmiddlewaretoken" not in second.content
    follow = client.get(f"/subscriptions/follow/official/{official.slug}/")
    assert b"csrfmiddlewaretoken" in follow.content and follow["X-Page-Cache"] == "bypass"
