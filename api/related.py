"""Related articles for the API's article detail: the same list the article
page shows under "You Might Also Like" (``recommendations.selectors``), so
apps and the site never disagree about what is related."""

from __future__ import annotations

from articles.models import Article
from articles.related import same_tag_articles
from recommendations.selectors import related_for_display


def related_articles(article: Article, *, limit: int = 5) -> list[Article]:
    """The stored recommendations, pinned first, each with ``.reason``; until
    the engine has stored a list, the articles sharing a tag (no top-up with
    unrelated latest stories: an API client asked for related ones)."""
    picks = related_for_display(article, limit=limit)
    if picks:
        return picks
    shared = same_tag_articles(article, limit=limit, top_up=False)
    for a in shared:
        a.reason = ""
    return shared
