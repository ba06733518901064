"""Old URLs keep working: a request that would end in 404 is checked against
the stored old paths (imported permalinks, former slugs) and answered with a
301 to the article when that article is public.

Only 404 responses pay for the lookup (one indexed query), so ordinary pages
cost nothing extra.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from .models import Article, ArticleRedirect


def redirect_target(path: str) -> str | None:
    """The public article URL an old ``path`` now lives at, if any."""
    if "\x00" in path or len(path) > 500:
        # PostgreSQL refuses NUL in text, and no stored path is longer.
        return None
    candidates = {path, path.rstrip("/") or "/", path if path.endswith("/") else f"{path}/"}
    redirect = (
        ArticleRedirect.objects.filter(old_path__in=candidates, article__in=Article.objects.published())
        .select_related("article")
        .only("article__slug")
        .first()
    )
    return redirect.article.get_absolute_url() if redirect else None


class ArticleRedirectMiddleware:
    """Turns a 404 for a known old path into a 301. It sits inside the other
    middleware so it sees the view's own answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = redirect_target(request.path)
        if target is None or target == request.path:
            return response
        return HttpResponsePermanentRedirect(target)
