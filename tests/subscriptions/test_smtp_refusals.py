"""A mail server that refuses an address for good (5xx at RCPT, a hard
bounce with plain SMTP and no ESP webhook) stops mail to it; a temporary
refusal (4xx) does not."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from subscriptions import digests, sending
from subscriptions.models import Delivery, Follow, Subscriber
from tests.factories import make_article, make_enterprise

from .conftest import Inbox, serving_smtp
from .helpers import confirmed_reader

pytestmark = pytest.mark.django_db


class Refusing(Inbox):
    REPLIES = {"gone@example.org": "550 5.1.1 No such mailbox", "full@example.org": "452 4.2.2 Mailbox full"}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's hook)
        if address in self.REPLIES:
            return self.REPLIES[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing_smtp(settings):
    with serving_smtp(settings, Refusing()) as inbox:
        yield inbox


def run_daily() -> None:
    edition = digests.edition_for("daily")
    digests.queue_edition(edition)
    sending.send_many(sending.queued_ids(edition_id=edition.pk))


def test_a_permanent_refusal_stops_mail_to_that_address_only(refusing_smtp):
    baotou = make_enterprise("Baotou Steel Group", profile_published=True)
    make_article("Baotou doubles output", enterprises=[baotou],
                 published_at=timezone.now() - datetime.timedelta(hours=1))
    for address in ("gone@example.org", "full@example.org", "reader@example.org"):
        confirmed_reader(address, ("enterprise", baotou, "daily"))

    run_daily()

    assert [m["To"] for m in refusing_smtp.messages] == ["reader@example.org"]
    gone, full = Subscriber.objects.get(email="gone@example.org"), Subscriber.objects.get(email="full@example.org")
    assert gone.suppressed_at is not None and "hard bounce" in gone.suppressed_reason
    assert not gone.mailable and not Follow.objects.filter(subscriber=gone).exists()
    assert full.suppressed_at is None and full.mailable, "a full mailbox is tried again next time"
    statuses = dict(Delivery.objects.filter(kind=Delivery.Kind.DIGEST).values_list("subscriber__email", "status"))
    assert statuses == {"gone@example.org": "failed", "full@example.org": "failed", "reader@example.org": "sent"}
