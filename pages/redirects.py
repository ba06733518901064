"""A 404 for an address in ``pages.Redirect`` (a moved page, a renamed
profile or its feeds, an imported site's old URL) becomes a 301. Only 404s
pay for the lookup (one indexed query)."""

from __future__ import annotations

from core.redirects import NotFoundRedirectMiddleware, lookup_paths

from .models import Page, Redirect


def redirect_target(path: str) -> str | None:
    candidates = lookup_paths(path)
    if candidates is None:
        return None
    redirect = Redirect.objects.select_related("page").filter(old_path__in=candidates).first()
    if redirect is None:
        return None
    if redirect.page_id:
        return redirect.page.get_absolute_url() if redirect.page.status == Page.Status.PUBLISHED else None
    return redirect.target or None


class RedirectMiddleware(NotFoundRedirectMiddleware):
    """Listed after (so inside) ArticleRedirectMiddleware: it sees the
    view's 404 first; what it does not know falls through to the article
    redirects."""

    redirect_target = staticmethod(redirect_target)
