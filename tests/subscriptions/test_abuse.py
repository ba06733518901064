"""Abuse and bounces: limits per client and per address, stopped addresses."""

from __future__ import annotations

import pytest
from anymail.signals import AnymailTrackingEvent, tracking

from subscriptions.models import Subscriber
from tests.factories import make_official

from .helpers import ask, confirmed_reader

pytestmark = pytest.mark.django_db


def test_an_address_gets_at_most_its_limit_of_mails_and_the_same_answer(client, smtp, settings):
    settings.SUBSCRIPTIONS_RATE_PER_ADDRESS = "3/h"
    official = make_official(profile_published=True)
    answers = {ask(client, kind="official", slug=official.slug, email="victim@example.org",
                   ).status_code for _ in range(6)}
    assert answers == {302}
    assert len(smtp.to("victim@example.org")) == 3


def test_a_client_over_its_limit_is_told_to_wait(client, smtp, settings):
    settings.SUBSCRIPTIONS_RATE_PER_CLIENT = "4/h"
    official = make_official(profile_published=True)
    codes = [ask(client, kind="official", slug=official.slug, email=f"r{i}@example.org").status_code
             for i in range(6)]
    assert codes == [302, 302, 302, 302, 429, 429]
    assert len(smtp.messages) == 4


@pytest.mark.parametrize("event_type", ["bounced", "complained"])
def test_a_hard_bounce_or_complaint_from_the_esp_stops_all_mail(client, smtp, event_type):
    reader = confirmed_reader("reader@example.org", ("site", None, "daily"))
    event = AnymailTrackingEvent(event_type=event_type, recipient="Reader@example.org")
    tracking.send(sender=object, event=event, esp_name="Postmark")
    reader.refresh_from_db()
    assert reader.suppressed_at and not reader.mailable and not reader.follows.exists()
    # A later follow form for that address sends nothing.
    official = make_official(profile_published=True)
    assert ask(client, kind="official", slug=official.slug).status_code == 302
    assert smtp.messages == []


def test_a_soft_bounce_stops_nothing():
    reader = confirmed_reader("reader@example.org", ("site", None, "daily"))
    tracking.send(sender=object, event=AnymailTrackingEvent(event_type="deferred", recipient=reader.email),
                  esp_name="Postmark")
    assert Subscriber.objects.get().mailable
