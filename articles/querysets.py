"""The ONE definition of what a reader may see.

Every public view, feed, sitemap, search, API and recommendation starts from
``Article.objects.published()``. Visibility is decided at read time from the
clock, so a scheduled article appears at its time and an expiring one
disappears at its time with no cron job.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from authors.models import AuthorProfile


class ArticleStatus(models.TextChoices):
    """``Article.Status``; defined here so ``published_q`` can use it
    without importing the model (which imports this module)."""

    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


# What a person reads as an article's state: the stored status, except that
# the clock has moved a scheduled story to published at its time, and a live
# one to expired at its expiry (no job rewrites the row: see published()).
EXPIRED = "expired"
STATE_LABELS = {**dict(ArticleStatus.choices), EXPIRED: "Expired"}


def byline_prefetch() -> models.Prefetch:
    """``authors`` in byline order, as card lists show them. A plain prefetch would follow the author
    model's alphabetical ordering; ordering by the through row's ``order``
    reuses the prefetch's own join, so each article gets its own order."""
    # Lists show each author's name and link only: the bio and photo stay behind.
    authors = AuthorProfile.objects.only("id", "display_name", "slug")
    return models.Prefetch("authors", queryset=authors.order_by("bylines__order", "bylines__id"))


# What a card shows of its featured library image (with
# select_related("featured_image")): its alt text and renditions.
CARD_IMAGE_FIELDS = ("featured_image", "featured_image__alt_text", "featured_image__renditions")


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now: datetime.datetime | None = None) -> ArticleQuerySet:
        """Articles a reader may see at ``now`` (default: this instant).

        Published and scheduled articles whose publish time has come and whose
        expiry (if any) has not; drafts, in-review, archived and trashed never."""
        return self.filter(published_q(now=now))

    def for_listing(self) -> ArticleQuerySet:
        """What a list of article cards needs, in a fixed number of queries."""
        return self.select_related("featured_image").only(
            "id", "title", "slug", "standfirst", "published_at", "updated_at", "status", *CARD_IMAGE_FIELDS,
        ).prefetch_related(byline_prefetch()).order_by("-published_at", "-id")

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-id")


def published_q(*, now: datetime.datetime | None = None) -> Q:
    """The condition behind ``published()``, for use inside expressions (a
    yes/no column saying whether each row is visible)."""
    now = now or timezone.now()
    return (
        Q(status__in=(ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED))
        & Q(published_at__isnull=False, published_at__lte=now)
        & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        & Q(deleted_at__isnull=True)
    )


def state_q(state: str, *, now: datetime.datetime | None = None) -> Q:
    """The rows whose state (``Article.state``) is ``state`` at ``now``: the
    same reading of the clock as ``published()``, for list filters."""
    now = now or timezone.now()
    listed = Q(status__in=(ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED))
    expired = listed & Q(expires_at__isnull=False, expires_at__lte=now)
    if state == EXPIRED:
        return expired
    if state == ArticleStatus.PUBLISHED:
        return listed & Q(published_at__isnull=False, published_at__lte=now) & ~expired
    if state == ArticleStatus.SCHEDULED:
        return Q(status=ArticleStatus.SCHEDULED) & (Q(published_at__isnull=True) | Q(published_at__gt=now)) & ~expired
    return Q(status=state)
