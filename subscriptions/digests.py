"""Daily and weekly digests: one edition per day or week, queued for every
reader in one streamed pass.

An edition covers the publication window since the previous edition of its
rhythm ended. ``queue_edition`` reads the window's articles once (a few
hundred a day), inverts them into "followed thing -> articles", then walks
the follows ordered by reader, never holding more than one reader's follows
and one batch of log rows in memory, and writes one Delivery per reader with
something to read. The writes run ``unprepared()`` (core.bulk): otherwise the
connection keeps the text of every batch it sent. The unique (reader, edition) constraint makes a second run
after a crash add only what the first did not reach.
"""

from __future__ import annotations

import datetime
import itertools

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from core.bulk import unprepared

from .models import Delivery, DigestEdition, Follow, Rhythm
from .targets import FOLLOW_VALUES, ArticleIndex, follow_key, pack_items

PERIODS = {Rhythm.DAILY: datetime.timedelta(days=1), Rhythm.WEEKLY: datetime.timedelta(days=7)}
BATCH = 2000
# Items kept per delivery: more than a digest shows (settings.SUBSCRIPTIONS_DIGEST_MAX_ITEMS),
# so stories withdrawn before the send leave room for the next ones.
STORED_ITEMS = 100


def edition_key(rhythm: str, when: datetime.datetime) -> str:
    day = timezone.localtime(when).date()
    if rhythm == Rhythm.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    return f"daily:{day.isoformat()}"


def next_window(rhythm: str, *, now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """(start, end) of the edition that would be made at ``now``."""
    last = DigestEdition.objects.filter(rhythm=rhythm, window_end__lte=now).order_by("-window_end").first()
    start = last.window_end if last else now - PERIODS[rhythm]
    return start, now


def edition_for(rhythm: str, *, now: datetime.datetime | None = None) -> DigestEdition:
    """Today's (this week's) edition, made once: running again the same day
    returns the same edition with the same window."""
    if rhythm not in PERIODS:
        raise ValueError(f"no digest for rhythm {rhythm!r}")
    now = now or timezone.now()
    key = edition_key(rhythm, now)
    existing = DigestEdition.objects.filter(key=key).first()
    if existing:
        return existing
    start, end = next_window(rhythm, now=now)
    edition, _ = DigestEdition.objects.get_or_create(
        key=key, defaults={"rhythm": rhythm, "window_start": start, "window_end": end}
    )
    return edition


def window_articles(start: datetime.datetime, end: datetime.datetime) -> list[int]:
    """Ids of what was published in (start, end] and is public at ``end``, newest first."""
    return list(
        Article.objects.published(now=end)
        .filter(published_at__gt=start, published_at__lte=end)
        .newest_first()
        .values_list("pk", flat=True)
    )


def mailable_follows(rhythm: str):
    """Confirmed follows of confirmed, not stopped, addresses."""
    return Follow.objects.filter(
        rhythm=rhythm, confirmed_at__isnull=False,
        subscriber__confirmed_at__isnull=False, subscriber__suppressed_at__isnull=True,
    )


def queue_edition(edition: DigestEdition) -> int:
    """Write a queued Delivery for every reader who has something in this
    edition. Returns how many readers were matched (those already in the log
    included)."""
    index = ArticleIndex.build(window_articles(edition.window_start, edition.window_end))
    matched = 0
    if index.article_ids:
        with unprepared():
            matched = _queue_readers(edition, index)
    DigestEdition.objects.filter(pk=edition.pk).update(queued_at=timezone.now())
    return matched


def _queue_readers(edition: DigestEdition, index: ArticleIndex) -> int:
    matched = 0
    rows = mailable_follows(edition.rhythm).order_by("subscriber_id").values(*FOLLOW_VALUES)
    batch: list[Delivery] = []
    for subscriber_id, follows in itertools.groupby(rows.iterator(chunk_size=BATCH),
                                                    key=lambda r: r["subscriber_id"]):
        items = index.match(follow_key(r) for r in follows)[:STORED_ITEMS]
        if not items:
            continue
        matched += 1
        batch.append(Delivery(
            subscriber_id=subscriber_id, kind=Delivery.Kind.DIGEST, key=edition.key, edition=edition,
            items=pack_items(items), window_start=edition.window_start, window_end=edition.window_end,
        ))
        if len(batch) >= BATCH:
            _write(batch)
            batch = []
    _write(batch)
    return matched


def _write(batch: list[Delivery]) -> None:
    if batch:
        with transaction.atomic():
            Delivery.objects.bulk_create(batch, ignore_conflicts=True)


def preview_items(rhythm: str = Rhythm.DAILY, *, now: datetime.datetime | None = None) -> list[list]:
    """What the next edition of the site's briefing would list now."""
    now = now or timezone.now()
    start, end = next_window(rhythm, now=now)
    index = ArticleIndex.build(window_articles(start, end))
    return index.match([(Follow.Kind.SITE, None)])
