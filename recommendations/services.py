"""Editors' changes to a "You Might Also Like" list."""

from __future__ import annotations

from django.db import transaction

from articles.models import Article
from recommendations.models import RelatedArticle


def pin_related(*, article: Article, related: Article, rank: int = 0, reason: str = "") -> RelatedArticle:
    """Pin ``related`` in ``article``'s list (replacing the engine's own pick
    of it, if any). Pinned picks are shown first and kept by every refresh."""
    with transaction.atomic():
        RelatedArticle.objects.filter(article=article, related=related, pinned=False).delete()
        link, _ = RelatedArticle.objects.update_or_create(
            article=article, related=related, defaults={"pinned": True, "rank": rank, "reason": reason}
        )
    return link
