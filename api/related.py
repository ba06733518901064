"""Related articles for the API's article detail.

Kept behind this one function so that when stored recommendations land
(``articles/recommendations.py``), the API switches to them in one place.
"""

from __future__ import annotations

from django.db.models import Count

from articles.models import Article


def related_articles(article: Article, *, limit: int = 5) -> list[Article]:
    """Published articles sharing the most tags with ``article``, newest
    first among equals; one query."""
    return list(
        Article.objects.published()
        .filter(tags__in=[t.pk for t in article.tags.all()])
        .exclude(pk=article.pk)
        .annotate(shared_tags=Count("pk"))
        .order_by("-shared_tags", "-published_at", "-id")
        .only("id", "slug", "title", "standfirst", "published_at", "created_at")[:limit]
    )
