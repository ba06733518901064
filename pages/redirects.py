"""A 404 for an address in ``pages.Redirect`` (a moved page, a renamed
profile or its feeds, an imported site's old URL) becomes a 301. Only 404s
pay for the lookup (one indexed query)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from .models import Page, Redirect


def redirect_target(path: str) -> str | None:
    if "\x00" in path or len(path) > 500:
        return None
    candidates = {path, path if path.endswith("/") else f"{path}/"}
    redirect = Redirect.objects.select_related("page").filter(old_path__in=candidates).first()
    if redirect is None:
        return None
    if redirect.page_id:
        return redirect.page.get_absolute_url() if redirect.page.status == Page.Status.PUBLISHED else None
    return redirect.target or None


class RedirectMiddleware:
    """Listed after (so inside) ArticleRedirectMiddleware: it sees the
    view's 404 first; what it does not know falls through to the article
    redirects."""

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
