"""Signed links: no accounts, the link is the key.

Each token names a subscriber (id and a hash of the address, so a token
outlives nothing: a deleted and re-created address gets new links) and has
its own salt, so a confirmation link cannot be used as a preferences link.
Confirmation links expire (``SUBSCRIPTIONS_CONFIRM_MAX_AGE``); preferences
links too, later (``SUBSCRIPTIONS_LINK_MAX_AGE``); unsubscribe links never do,
as RFC 8058 expects of a List-Unsubscribe URL.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM = "subscriptions.confirm"
MANAGE = "subscriptions.manage"
UNSUBSCRIBE = "subscriptions.unsubscribe"


def _address_hash(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def make(purpose: str, subscriber: Subscriber, **extra) -> str:
    return signing.dumps({"s": subscriber.pk, "h": _address_hash(subscriber.email), **extra}, salt=purpose,
                         compress=True)


def max_age(purpose: str) -> int | None:
    if purpose == CONFIRM:
        return settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE
    if purpose == MANAGE:
        return settings.SUBSCRIPTIONS_LINK_MAX_AGE
    return None


def read(purpose: str, token: str) -> tuple[Subscriber, dict] | None:
    """The subscriber and the token's payload, or None for a token that is
    forged, expired, for another purpose or for an address since deleted."""
    try:
        payload = signing.loads(token, salt=purpose, max_age=max_age(purpose))
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(payload, dict):
        return None
    subscriber = Subscriber.objects.filter(pk=payload.get("s")).first()
    if subscriber is None or _address_hash(subscriber.email) != payload.get("h"):
        return None
    return subscriber, payload
