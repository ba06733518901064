"""Sending from the log: one row, one message, at most once per row.

Each delivery is claimed, rendered, sent and marked sent inside one
transaction holding its row lock (``select_for_update(skip_locked=True)``:
two workers never take the same row). A worker killed before the commit
leaves the row queued, and the next run sends it; a row marked sent is never
sent again. The one gap no database closes is a kill between the mail
server's "250 OK" and the commit: that one message may go twice, with the
same Message-ID, which receiving systems use to drop duplicates.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import time

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core.seo import absolute_url

from . import addresses, emails, tokens
from .alerts import alert_items
from .models import Delivery, Follow, Subscriber
from .targets import pack_items, target_name, unpack_items

logger = logging.getLogger(__name__)


class Throttle:
    """At most ``rate`` messages a second from this worker."""

    def __init__(self, rate: float | None = None) -> None:
        rate = settings.SUBSCRIPTIONS_SEND_RATE if rate is None else rate
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_at = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if now < self.next_at:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


class ArticleCache:
    """Article rows and their absolute URLs, loaded once per send run: a
    run sends the same few hundred stories to thousands of readers. Which of
    them are still public is asked afresh for every message."""

    def __init__(self) -> None:
        self.rows: dict[int, dict] = {}

    def get(self, ids: list[int]) -> dict[int, dict]:
        missing = [i for i in ids if i not in self.rows]
        if missing:
            for article in Article.objects.filter(pk__in=missing).for_listing():
                image = article.image_url("card")
                self.rows[article.pk] = {"article": article, "url": absolute_url(article.get_absolute_url()),
                                         "image_url": absolute_url(image) if image else ""}
        return self.rows


def entries(items: list[list], *, now: datetime.datetime, cache: ArticleCache | None = None) -> list[dict]:
    """The items still public now, in their order, ready for the templates."""
    ids = [article_id for article_id, _ in items]
    public = set(Article.objects.published(now=now).filter(pk__in=ids).values_list("pk", flat=True))
    rows = (cache or ArticleCache()).get([i for i in ids if i in public])
    return [{**rows[article_id], "reason": why} for article_id, why in items if article_id in public]


def digest_context(delivery_kind: str, items: list[dict], *, rhythm_label: str) -> dict:
    """What the digest templates show: the newest SUBSCRIPTIONS_DIGEST_MAX_ITEMS
    stories, and how many more there were (a link to the site for those)."""
    shown = items[: settings.SUBSCRIPTIONS_DIGEST_MAX_ITEMS]
    return {"entries": shown, "count": len(shown), "more": len(items) - len(shown), "kind": delivery_kind,
            "rhythm_label": rhythm_label, "home_url": absolute_url("/")}


def _rhythm_label(delivery: Delivery) -> str:
    if delivery.kind == Delivery.Kind.ALERT:
        return "alert"
    return delivery.edition.get_rhythm_display().lower() if delivery.edition_id else "digest"


def send_one(delivery_id: int, *, connection, now: datetime.datetime | None = None,
             cache: ArticleCache | None = None) -> str:
    """Send one queued delivery; returns its status afterwards ("" if
    another worker holds it or it is no longer queued)."""
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("subscriber", "edition")
                    .filter(pk=delivery_id, status=Delivery.Status.QUEUED).first())
        if delivery is None:
            return ""
        now = now or timezone.now()
        if not delivery.subscriber.mailable:
            delivery.status = Delivery.Status.SKIPPED
            delivery.save(update_fields=["status"])
            return delivery.status
        if delivery.kind == Delivery.Kind.ALERT:
            delivery.items = pack_items(alert_items(delivery, now=now))
            delivery.window_end = now
        found = entries(unpack_items(delivery.items), now=now, cache=cache)
        if not found:
            # An empty digest is not sent (everything in it was withdrawn).
            delivery.status = Delivery.Status.EMPTY
            delivery.save(update_fields=["status", "items", "window_end"])
            return delivery.status
        message = emails.build(
            subscriber=delivery.subscriber, name="digest",
            context=digest_context(delivery.kind, found, rhythm_label=_rhythm_label(delivery)),
            message_id=f"<{delivery.kind}-{delivery.pk}@{emails.site_domain()}>",
        )
        try:
            connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as exc:
            # This address only: log it and go on (other errors stop the run,
            # which the task's retry resumes from the rows still queued). A
            # permanent refusal (5xx) is a hard bounce: no more mail to it.
            if any(500 <= code < 600 for code, _ in exc.recipients.values()):
                addresses.suppress_address(email=delivery.subscriber.email, reason="hard bounce (SMTP)")
            delivery.status = Delivery.Status.FAILED
            delivery.error = str(exc)[:300]
            delivery.save(update_fields=["status", "error", "items", "window_end"])
            return delivery.status
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = now
        delivery.articles_sent = min(len(found), settings.SUBSCRIPTIONS_DIGEST_MAX_ITEMS)
        delivery.save(update_fields=["status", "sent_at", "articles_sent", "items", "window_end"])
        return delivery.status


def send_many(delivery_ids, *, rate: float | None = None) -> dict[str, int]:
    """Send these deliveries through one connection, throttled."""
    throttle = Throttle(rate)
    cache = ArticleCache()
    counts: dict[str, int] = {}
    with get_connection() as connection:
        for delivery_id in delivery_ids:
            throttle.wait()
            status = send_one(delivery_id, connection=connection, cache=cache)
            counts[status or "busy"] = counts.get(status or "busy", 0) + 1
    return counts


def queued_ids(**filters) -> list[int]:
    return list(Delivery.objects.filter(status=Delivery.Status.QUEUED, **filters)
                .order_by("pk").values_list("pk", flat=True))


def send_confirmation(*, subscriber_id: int, follow_id: int) -> str:
    """The double opt-in mail for one follow; to an address that already
    confirmed this follow, a link to its preferences instead."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, suppressed_at__isnull=True).first()
    follow = Follow.objects.filter(pk=follow_id, subscriber_id=subscriber_id).select_related(
        "official", "enterprise", "regulator", "tag", "author").first()
    if subscriber is None or follow is None:
        return "gone"
    token = tokens.make(tokens.CONFIRM, subscriber, f=follow.pk)
    context = {
        "follow_name": target_name(follow.kind, follow.target),
        "rhythm": follow.get_rhythm_display().lower(),
        "already": follow.confirmed_at is not None,
        "confirm_url": absolute_url(reverse("subscriptions:confirm", kwargs={"token": token})),
        "max_age_days": settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // 86400,
    }
    with transaction.atomic():
        delivery = Delivery.objects.create(subscriber=subscriber, kind=Delivery.Kind.CONFIRM,
                                           key=f"confirm:{follow.pk}:{time.time_ns()}")
        message = emails.build(subscriber=subscriber, name="confirm", context=context, list_headers=False,
                               message_id=f"<confirm-{delivery.pk}@{emails.site_domain()}>")
        message.send()
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["status", "sent_at"])
    return "sent"


def send_manage_link(*, email: str) -> str:
    """A fresh preferences link, to a confirmed address only (an unknown or
    unconfirmed address gets nothing; the page said the same either way)."""
    subscriber = Subscriber.objects.filter(email=email, confirmed_at__isnull=False,
                                           suppressed_at__isnull=True).first()
    if subscriber is None:
        return "unknown"
    emails.build(subscriber=subscriber, name="link", context={}, list_headers=False).send()
    return "sent"


def send_test(*, to: str, items: list[list]) -> int:
    """The next briefing as it stands, to a member of staff; not logged."""
    found = entries(items, now=timezone.now())
    message = emails.build(subscriber=Subscriber(email=to), name="digest", to=to, list_headers=False,
                           context={**digest_context("digest", found, rhythm_label="daily"), "test": True})
    return message.send()
