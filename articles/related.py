"""The simple "You Might Also Like" list: published articles sharing the most
tags with this one, newest first among equals, topped up with the latest
stories so the section always has a few cards. The recommendations module
may replace this with precomputed lists; the template include only needs a
list of articles."""

from __future__ import annotations

from django.db.models import Count

from .models import Article

MIN_RELATED = 4
MAX_RELATED = 6


def same_tag_articles(article: Article, *, limit: int = MAX_RELATED) -> list[Article]:
    tag_ids = [t.pk for t in article.tags.all()]
    found: list[Article] = []
    if tag_ids:
        found = list(
            Article.objects.published()
            .filter(tagged_items__tag_id__in=tag_ids)
            .exclude(pk=article.pk)
            .annotate(shared=Count("tagged_items"))
            .for_listing()
            .prefetch_related(None)  # the cards show no byline
            .order_by("-shared", "-published_at", "-id")[:limit]
        )
    if len(found) < MIN_RELATED:
        seen = [article.pk, *(a.pk for a in found)]
        latest = Article.objects.published().exclude(pk__in=seen).for_listing().prefetch_related(None)
        found += list(latest[: MIN_RELATED - len(found)])
    return found
