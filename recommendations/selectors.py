"""The stored "You Might Also Like" lists, as pages and the API read them.

Plain ORM on the rows the worker stored (recommendations/engine.py): no
numpy, SciPy or scikit-learn is imported on this side."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from articles.models import Article
from articles.querysets import CARD_IMAGE_FIELDS
from articles.related import same_tag_articles

LIST_LENGTH = 6  # what the engine stores per article; the page shows 4 to 6
CARD_FIELDS = ("id", "title", "slug", "published_at", "status", "expires_at", *CARD_IMAGE_FIELDS)


def related_for_display(article: Article, limit: int = LIST_LENGTH) -> list[Article]:
    """The article's "You Might Also Like" picks for a page, pinned first, in
    one query. Visibility is checked in that query, so an article unpublished
    after the list was stored never shows (and never takes a place). Each has
    ``.reason``."""
    links = (
        Article.objects.published(now=timezone.now())
        .using(article._state.db or "default")
        .filter(related_from__article_id=article.pk)
        .exclude(pk=article.pk)
        .annotate(link_reason=F("related_from__reason"), link_pinned=F("related_from__pinned"))
        .select_related("featured_image")
        .only(*CARD_FIELDS)
        .order_by("-related_from__pinned", "related_from__rank", "related_from__id")[:limit]
    )
    return [
        _as_card(a, a.link_reason or ("Editors’ pick" if a.link_pinned else "Related coverage")) for a in links
    ]


def _as_card(article: Article, reason: str) -> Article:
    article.reason = reason
    article.card_image_url = article.image_url("card")
    return article


def related_for_page(article: Article) -> list[Article]:
    """What the article page shows: the stored list, or, until the worker has
    stored one (a new article, a preview), the same-tag list as cards."""
    return related_for_display(article) or [_as_card(a, "") for a in same_tag_articles(article)]
