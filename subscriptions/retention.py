"""Nothing unconfirmed is kept past its link: the cleanup task runs this."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from .models import Follow, Subscriber


def expire_unconfirmed(*, now: datetime.datetime | None = None) -> dict:
    """Delete what was never confirmed once its link has expired: addresses
    that never confirmed anything and asked nothing since (with their
    follows and log), and pending follows of confirmed addresses."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE)
    stale = Subscriber.objects.filter(confirmed_at__isnull=True, suppressed_at__isnull=True, created_at__lt=cutoff)
    addresses, _ = stale.exclude(follows__created_at__gte=cutoff).delete()
    follows, _ = Follow.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return {"deleted_rows": addresses + follows}
