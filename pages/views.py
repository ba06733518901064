"""A page at its path, the old addresses that 301, and share-link previews."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from core.seo import page_meta
from pagecache.dependencies import cache_depends

from .models import MastheadEntry, Page, Redirect
from .previews import open_link

MAX_PATH = 400


def _context(page: Page) -> dict:
    staff = []
    if page.lists_staff:
        staff = list(MastheadEntry.objects.select_related("author").order_by("order", "id"))
    return {"page_obj": page, "staff": staff,
            **page_meta(title=page.meta_title, description=page.meta_description)}


def page_detail(request: HttpRequest, page_path: str) -> HttpResponse:
    """The last URL pattern: a published page, else an old address of one
    (or of any path: imported category and author URLs), else a 404 (which
    the article redirects then try)."""
    if len(page_path) > MAX_PATH or "\x00" in page_path:
        raise Http404("No such page")
    page = Page.objects.published().filter(path=page_path).first()
    if page is None:
        redirect = Redirect.objects.select_related("page").filter(old_path=f"/{page_path}/").first()
        if redirect is not None:
            if redirect.page_id and redirect.page.status == Page.Status.PUBLISHED:
                return HttpResponsePermanentRedirect(redirect.page.get_absolute_url())
            if redirect.target:
                return HttpResponsePermanentRedirect(redirect.target)
        raise Http404("No such page")
    # Not a subject page, so it also depends on "lists", which any staff,
    # masthead or page change readers can see bumps.
    cache_depends(request, f"page:{page.pk}")
    return render(request, "pages/page.html", _context(page))


def page_preview(request: HttpRequest, token: str) -> HttpResponse:
    """The page as its editors see it now (pending change included), for a
    reviewer with the link; never cached or indexed."""
    opened = open_link(token)
    if opened.redirect_to:
        response = HttpResponseRedirect(opened.redirect_to)
        add_never_cache_headers(response)
        return response
    if opened.page is None:
        raise Http404("This preview link is invalid, revoked or has expired.")
    response = render(request, "pages/page.html",
                      {**_context(opened.page), "preview": True, "pending": opened.pending})
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
