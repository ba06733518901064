"""Alerts "as it happens", batched per reader.

When an article becomes public, every reader with an instant follow it
matches gets one queued alert (unless one is already waiting), sent
``SUBSCRIPTIONS_ALERT_DELAY`` seconds later. The alert lists what was
published since that reader's previous alert, decided when it is sent: five
stories in a burst make one email, and a story withdrawn in between is not in it.
"""

from __future__ import annotations

import datetime
import itertools

from django.db.models import Max, Q
from django.utils import timezone

from articles.models import Article

from .digests import mailable_follows
from .models import Delivery, Follow, Rhythm
from .targets import FOLLOW_VALUES, MODELS, ArticleIndex, follow_key

# An edit to an old story is not news: only stories published this recently alert.
LOOKBACK = datetime.timedelta(days=1)


def _follows_matching(index: ArticleIndex) -> Q:
    q = Q(kind=Follow.Kind.SITE)
    columns = {"official": "official_id", "enterprise": "enterprise_id", "regulator": "regulator_id",
               "topic": "tag_id", "author": "author_id"}
    for kind in MODELS:
        ids = [target_id for k, target_id in index.by_target if k == kind]
        if ids:
            q |= Q(kind=kind, **{f"{columns[kind]}__in": ids})
    return q


def schedule_alerts(*, article_ids: list[int], now: datetime.datetime | None = None) -> list[int]:
    """Queue an alert for each reader these articles concern who has none
    waiting. Returns the new deliveries' ids (the caller enqueues their send)."""
    now = now or timezone.now()
    fresh = list(
        Article.objects.published(now=now).filter(pk__in=article_ids, published_at__gt=now - LOOKBACK)
        .newest_first().values_list("pk", "published_at")
    )
    if not fresh:
        return []
    index = ArticleIndex.build([pk for pk, _ in fresh])
    published_at = dict(fresh)
    rows = (mailable_follows(Rhythm.INSTANT).filter(_follows_matching(index))
            .order_by("subscriber_id").values(*FOLLOW_VALUES, "subscriber__confirmed_at"))
    new: list[Delivery] = []
    for chunk in _chunks(itertools.groupby(rows.iterator(chunk_size=2000), key=lambda r: r["subscriber_id"]), 1000):
        ids = [sid for sid, _ in chunk]
        waiting = set(Delivery.objects.filter(kind=Delivery.Kind.ALERT, status=Delivery.Status.QUEUED,
                                              subscriber_id__in=ids).values_list("subscriber_id", flat=True))
        last_end = dict(Delivery.objects.filter(kind=Delivery.Kind.ALERT, subscriber_id__in=ids,
                                                window_end__isnull=False)
                        .values("subscriber_id").annotate(end=Max("window_end")).values_list("subscriber_id", "end"))
        for subscriber_id, follows in chunk:
            if subscriber_id in waiting:
                continue
            start = last_end.get(subscriber_id) or follows[0]["subscriber__confirmed_at"]
            items = index.match(follow_key(r) for r in follows)
            if any(published_at[article_id] > start for article_id, _ in items):
                new.append(Delivery(subscriber_id=subscriber_id, kind=Delivery.Kind.ALERT,
                                    key=f"alert:{start.isoformat()}", window_start=start))
    Delivery.objects.bulk_create(new, ignore_conflicts=True)
    # bulk_create with ignore_conflicts returns no ids: read them back.
    subscriber_ids = [d.subscriber_id for d in new]
    found: list[int] = []
    for i in range(0, len(subscriber_ids), 1000):
        found += Delivery.objects.filter(kind=Delivery.Kind.ALERT, status=Delivery.Status.QUEUED,
                                         subscriber_id__in=subscriber_ids[i:i + 1000]).values_list("pk", flat=True)
    return found


def _chunks(groups, size: int):
    """Lists of (subscriber id, [follow rows]) of at most ``size`` readers."""
    chunk = []
    for subscriber_id, follows in groups:
        chunk.append((subscriber_id, list(follows)))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def alert_items(delivery: Delivery, *, now: datetime.datetime) -> list[list]:
    """What this reader's alert lists when it is sent: stories public now,
    published since the alert's window opened, matching their instant follows."""
    ids = list(
        Article.objects.published(now=now).filter(published_at__gt=delivery.window_start, published_at__lte=now)
        .newest_first().values_list("pk", flat=True)[:50]
    )
    if not ids:
        return []
    follows = Follow.objects.filter(subscriber_id=delivery.subscriber_id, rhythm=Rhythm.INSTANT,
                                    confirmed_at__isnull=False).values(*FOLLOW_VALUES)
    return ArticleIndex.build(ids).match(follow_key(r) for r in follows)
