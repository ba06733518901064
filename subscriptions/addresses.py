"""An address as stored, and stopping all mail to one. Apart from services
(which enqueues tasks) so that sending can stop an address the mail server
refused for good."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Delivery, Subscriber


def normalise_email(email: str) -> str:
    # Lower-cased whole: the local part is case-sensitive in theory, in no
    # mailbox provider in practice, and one reader must be one row.
    return email.strip().lower()


def suppress_address(*, email: str, reason: str, now: datetime.datetime | None = None) -> bool:
    """Stop all mail to an address (hard bounce, complaint). The address is
    kept, flagged, so a later follow form does not start mailing it again;
    its follows and queued mail go. Returns whether the address was known."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=normalise_email(email)).first()
        if subscriber is None:
            return False
        subscriber.suppressed_at = subscriber.suppressed_at or now
        subscriber.suppressed_reason = reason[:40]
        subscriber.save(update_fields=["suppressed_at", "suppressed_reason"])
        subscriber.follows.all().delete()
        subscriber.deliveries.filter(status=Delivery.Status.QUEUED).update(status=Delivery.Status.SKIPPED)
    return True
