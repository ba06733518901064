"""Old URLs keep working: a request that would end in 404 is checked against
the stored old paths (imported permalinks, former slugs) and answered with a
301 to the article when that article is public.

Only 404 responses pay for the lookup (one indexed query), so ordinary pages
cost nothing extra.
"""

from __future__ import annotations

from core.redirects import NotFoundRedirectMiddleware, lookup_paths

from .models import Article, ArticleRedirect


def redirect_target(path: str) -> str | None:
    """The public article URL an old ``path`` now lives at, if any."""
    candidates = lookup_paths(path)
    if candidates is None:
        return None
    redirect = (
        ArticleRedirect.objects.filter(old_path__in=candidates, article__in=Article.objects.published())
        .select_related("article")
        .only("article__slug")
        .first()
    )
    return redirect.article.get_absolute_url() if redirect else None


class ArticleRedirectMiddleware(NotFoundRedirectMiddleware):
    """A 404 for an article's old path becomes a 301 to the article."""

    redirect_target = staticmethod(redirect_target)
