"""What the outlet has covered most: entities and topics ranked by the
number of published articles naming them in a recent window. One aggregate
query per kind, always over ``Article.objects.published()``.

The home page shows all four rankings, and each aggregate costs PostgreSQL
3 to 9 ms on 100,000 articles: most of a home-page render. ``trending()``
keeps the rankings (ids and counts, not names) in the shared cache until
what readers see changes (the page cache's "lists" version, bumped by every
publish, unpublish or edit of a listed object) or for
``TRENDING_CACHE_SECONDS`` at most, the time an old story may take to drop
out of the window, and never past the next scheduled publish or expiry. The entities themselves are read fresh, by primary key,
so a renamed company shows its new name at once and the page cache sees
what the page depends on."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models import Count, Model, QuerySet
from django.utils import timezone
from taggit.models import Tag

from pagecache import resilience
from pagecache.dependencies import LISTS
from pagecache.invalidation import current_versions
from pagecache.store import clock_bounded, page_cache_enabled

from .models import Article

TRENDING_DAYS = 30
TRENDING_LIMIT = 8
TRENDING_CACHE_SECONDS = 300


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


def trending(models: dict[str, type[Model]], days: int = TRENDING_DAYS,
             limit: int = TRENDING_LIMIT) -> tuple[dict[str, list], list[Tag]]:
    """``most_covered`` for each of ``models`` (keyed by the caller's names)
    and ``most_covered_topics``, with the rankings from the shared cache
    when nothing readers see has changed since they were computed."""
    kinds = {**models, None: Tag}  # None: the topics

    def rank(name: str | None) -> list:
        return most_covered(kinds[name], days, limit) if name is not None else most_covered_topics(days, limit)

    def load(model: type[Model], ranking: list[tuple[int, int]]) -> list:
        # Fresh rows by primary key: current names, and the page cache
        # records the page's dependence on each.
        rows = model.objects.only("id", "name", "slug").in_bulk([pk for pk, _ in ranking]) if ranking else {}
        shown = []
        for pk, coverage in ranking:
            if pk in rows:  # not deleted since
                rows[pk].coverage = coverage
                shown.append(rows[pk])
        return shown

    if not page_cache_enabled() or not resilience.available():
        shown = {name: rank(name) for name in kinds}
        return {name: shown[name] for name in models}, shown[None]
    try:
        version = current_versions([LISTS])[LISTS]
        keys = {name: f"pc:trending:{model._meta.label}:{days}:{limit}:{version}" for name, model in kinds.items()}
        found = cache.get_many(keys.values())
        shown, missing = {}, {}
        for name, key in keys.items():
            if key in found:
                shown[name] = load(kinds[name], found[key])
            else:
                shown[name] = rank(name)
                missing[key] = [(row.pk, row.coverage) for row in shown[name]]
        timeout = clock_bounded(TRENDING_CACHE_SECONDS)
        if missing and timeout > 0:
            cache.set_many(missing, timeout)
    except resilience.CACHE_ERRORS as exc:
        resilience.trip(exc)
        shown = {name: rank(name) for name in kinds}
    return {name: shown[name] for name in models}, shown[None]
