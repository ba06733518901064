"""The write path of subscriptions: every change a reader, an editor, a
webhook or a command makes goes through one of these functions.

Mail is never sent here: a function that needs a message enqueues its task
on commit (tasks.py), so a request never waits on a mail server.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from .addresses import normalise_email
from .models import Follow, Rhythm, Subscriber
from .targets import target_fields, target_name
from .tasks import send_confirmation_task


def follow_request(*, email: str, kind: str, target, rhythm: str) -> None:
    """A follow asked for on the site. Whatever the address's state, the
    caller shows the same answer ("check your inbox"): a new or pending
    follow gets a confirmation link by mail; a follow already confirmed gets
    a link to the preferences page; a stopped address gets nothing."""
    email = normalise_email(email)
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        if subscriber.suppressed_at is not None:
            return
        follow, created = Follow.objects.get_or_create(
            subscriber=subscriber, kind=kind, **target_fields(kind, target), defaults={"rhythm": rhythm}
        )
        if not created and follow.confirmed_at is None and follow.rhythm != rhythm:
            follow.rhythm = rhythm
            follow.save(update_fields=["rhythm"])
        subscriber_id, follow_id = subscriber.pk, follow.pk
        transaction.on_commit(
            lambda: send_confirmation_task.enqueue(subscriber_id=subscriber_id, follow_id=follow_id), robust=True
        )


def follow_confirm(*, subscriber: Subscriber, follow_id: int, now: datetime.datetime | None = None) -> Follow | None:
    """The reader clicked the confirmation link: the address is confirmed
    (the consent time is kept) and so is this follow. None if the follow is
    gone (expired and deleted, or removed)."""
    now = now or timezone.now()
    with transaction.atomic():
        follow = Follow.objects.select_for_update().filter(pk=follow_id, subscriber=subscriber).first()
        if follow is None:
            return None
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = now
            subscriber.save(update_fields=["confirmed_at"])
        if follow.confirmed_at is None:
            follow.confirmed_at = now
            follow.save(update_fields=["confirmed_at"])
    return follow


def follow_set_rhythm(*, subscriber: Subscriber, follow_id: int, rhythm: str) -> None:
    if rhythm not in Rhythm.values:
        raise ValueError(f"unknown rhythm {rhythm!r}")
    Follow.objects.filter(pk=follow_id, subscriber=subscriber).update(rhythm=rhythm)


def follow_set_all_rhythms(*, subscriber: Subscriber, rhythm: str) -> None:
    if rhythm not in Rhythm.values:
        raise ValueError(f"unknown rhythm {rhythm!r}")
    subscriber.follows.update(rhythm=rhythm)


def follow_remove(*, subscriber: Subscriber, follow_id: int) -> None:
    Follow.objects.filter(pk=follow_id, subscriber=subscriber).delete()


def subscriber_erase(*, subscriber: Subscriber) -> None:
    """Delete everything stored about this address: the address, its follows
    and its send log. One-click unsubscribe does this too."""
    Subscriber.objects.filter(pk=subscriber.pk).delete()


def subscriber_export(*, subscriber: Subscriber) -> dict:
    """Everything stored about this address, as JSON-ready data."""
    follows = subscriber.follows.select_related("official", "enterprise", "regulator", "tag", "author")
    return {
        "email": subscriber.email,
        "subscribed_at": subscriber.created_at.isoformat(),
        "consent_given_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "mail_stopped_at": subscriber.suppressed_at.isoformat() if subscriber.suppressed_at else None,
        "mail_stopped_because": subscriber.suppressed_reason or None,
        "follows": [
            {
                "kind": f.kind,
                "name": target_name(f.kind, f.target),
                "rhythm": f.rhythm,
                "asked_at": f.created_at.isoformat(),
                "confirmed_at": f.confirmed_at.isoformat() if f.confirmed_at else None,
            }
            for f in follows
        ],
        "emails_sent": [
            {"kind": d.kind, "status": d.status, "sent_at": d.sent_at.isoformat() if d.sent_at else None}
            for d in subscriber.deliveries.order_by("created_at")
        ],
    }
