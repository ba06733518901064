"""Alerts "as it happens": a burst of stories is one email, sent minutes later."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from articles.events import public_content_changed
from articles.models import Article
from subscriptions import alerts, sending
from subscriptions.models import Delivery
from tests.factories import make_article, make_official

from .conftest import parts
from .helpers import confirmed_reader

pytestmark = pytest.mark.django_db


def test_a_burst_of_five_stories_is_one_alert_without_what_was_withdrawn(smtp):
    li = make_official("Li Wei", profile_published=True)
    confirmed_reader("fast@example.org", ("official", li, "instant"))
    confirmed_reader("daily@example.org", ("official", li, "daily"))
    now = timezone.now()
    stories = [make_article(f"Li Wei story {i}", officials=[li], published_at=now - datetime.timedelta(minutes=i))
               for i in range(5)]
    queued = []
    for story in stories:  # as each publish's "public content changed" task would
        queued += alerts.schedule_alerts(article_ids=[story.pk])
    assert len(set(queued)) == 1
    assert Delivery.objects.filter(kind=Delivery.Kind.ALERT).count() == 1
    Article.objects.filter(pk=stories[2].pk).update(status=Article.Status.DRAFT)
    sending.send_many(queued)
    [message] = smtp.messages
    assert message["To"] == "fast@example.org"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, _ = parts(message)
    assert [t for t in (f"Li Wei story {i}" for i in range(5)) if t in text] == [
        "Li Wei story 0", "Li Wei story 1", "Li Wei story 3", "Li Wei story 4"]
    assert message["Subject"] == "4 new stories on what you follow"

    # The next story opens a new alert that lists only itself.
    later = make_article("Li Wei, later", officials=[li], published_at=timezone.now())
    sending.send_many(alerts.schedule_alerts(article_ids=[later.pk]))
    assert len(smtp.messages) == 2
    assert "Li Wei story 0" not in parts(smtp.messages[1])[0]
    assert smtp.messages[1]["Subject"] == "Li Wei, later"


def test_publishing_queues_the_alert_through_the_content_changed_task(smtp, django_capture_on_commit_callbacks):
    li = make_official("Li Wei", profile_published=True)
    confirmed_reader("fast@example.org", ("official", li, "instant"))
    story = make_article("Li Wei named chairman", officials=[li], published_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        public_content_changed(article_ids=[story.pk], reason="published")
    # Tests run tasks at once (no run_after): the alert went out already.
    assert "Li Wei named chairman" in parts(smtp.to("fast@example.org")[0])[0]


def test_an_edit_to_an_old_story_alerts_nobody(smtp):
    li = make_official("Li Wei", profile_published=True)
    confirmed_reader("fast@example.org", ("official", li, "instant"))
    old = make_article("Li Wei in 2019", officials=[li], published_at=timezone.now() - datetime.timedelta(days=400))
    assert alerts.schedule_alerts(article_ids=[old.pk]) == []
