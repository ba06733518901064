"""What the outlet has covered most: entities and topics ranked by the
number of published articles naming them in a recent window. One aggregate
query per kind, always over ``Article.objects.published()``."""

from __future__ import annotations

import datetime

from django.db.models import Count, QuerySet
from django.utils import timezone
from taggit.models import Tag

from .models import Article

TRENDING_DAYS = 30
TRENDING_LIMIT = 8


def _recent_article_ids(days: int) -> QuerySet:
    since = timezone.now() - datetime.timedelta(days=days)
    return Article.objects.published().filter(published_at__gte=since).values("pk")


def most_covered(model, days: int = TRENDING_DAYS, limit: int = TRENDING_LIMIT) -> list:
    """Entities of ``model`` named in the most published articles of the last
    ``days`` days, in one aggregate query."""
    return list(
        model.objects.filter(articles__in=_recent_article_ids(days))
        .annotate(coverage=Count("articles"))
        .only("id", "name", "slug")
        .order_by("-coverage", "name")[:limit]
    )


def most_covered_topics(days: int = TRENDING_DAYS, limit: int = TRENDING_LIMIT) -> list[Tag]:
    return list(
        Tag.objects.filter(articles_taggedarticle_items__content_object__in=_recent_article_ids(days))
        .annotate(coverage=Count("articles_taggedarticle_items"))
        .order_by("-coverage", "name")[:limit]
    )
