"""What subscriptions listens to: public content changing (alerts) and,
with django-anymail, the ESP's tracking webhook (bounces, complaints)."""

from __future__ import annotations

import logging

from anymail.signals import EventType, tracking
from django.db import transaction

from articles.models import Article
from articles.signals import content_changed

from . import addresses
from .tasks import schedule_alerts_task

logger = logging.getLogger(__name__)

# Hard bounces and complaints stop mail to the address; anymail reports soft
# bounces as "deferred", which we leave to the ESP's retries.
STOP_EVENTS = {EventType.BOUNCED: "hard bounce", EventType.COMPLAINED: "complaint",
               EventType.UNSUBSCRIBED: "unsubscribed at the ESP"}


def on_content_changed(sender, *, article_ids: list[int], **kwargs) -> None:
    if article_ids:
        ids = list(article_ids)
        transaction.on_commit(lambda: schedule_alerts_task.enqueue(article_ids=ids), robust=True)


def on_tracking(sender, *, event, esp_name: str = "", **kwargs) -> None:
    reason = STOP_EVENTS.get(event.event_type)
    if reason and event.recipient:
        known = addresses.suppress_address(email=event.recipient, reason=reason)
        logger.info("mail to a subscriber stopped (%s, %s, known=%s)", reason, esp_name, known)


def connect() -> None:
    content_changed.connect(on_content_changed, sender=Article, dispatch_uid="subscriptions_alerts")
    tracking.connect(on_tracking, dispatch_uid="subscriptions_anymail_tracking")
