"""HTTP-level speed: the anonymous page cache, conditional GET, cache headers.

Place ``pagecache.middleware.PageCacheMiddleware`` right after WhiteNoise,
before sessions: a hit is answered before sessions, CSRF or authentication
run, so it costs no SQL at all. Anonymous cacheable responses carry their
dependency keys as ``Surrogate-Key`` (Fastly, Varnish xkey) and
``Cache-Tag`` (Cloudflare), so a CDN can be purged by them
(``pagecache.invalidation.purge``). A cache that is down means rendering
without it (``pagecache.resilience``), never an error.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import dependencies, invalidation, render_limit, resilience, staff, store

NEVER_CACHED_PREFIXES = ("/admin/", "/preview/", "/healthz", "/ping", "/static/", "/media/")
# Headers that belong to one response, not to the stored page.
_HOP_HEADERS = {"date", "set-cookie", "x-page-cache"}
SURROGATE_HEADERS = ("Surrogate-Key", "Cache-Tag")


def _excluded_prefixes() -> tuple[str, ...]:
    return NEVER_CACHED_PREFIXES + tuple(getattr(settings, "PAGE_CACHE_EXCLUDE_PREFIXES", ()))


def is_anonymous_request(request: HttpRequest) -> bool:
    """No real staff session and no credentials: nothing can make the page
    personal. A session cookie alone does not count (anyone can make one
    up); staff sessions carry a signed marker (``pagecache.staff``)."""
    return not staff.has_staff_session(request) and "HTTP_AUTHORIZATION" not in request.META


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and store.page_cache_enabled()
        and is_anonymous_request(request)
        and not request.path.startswith(_excluded_prefixes())
    )


def _storable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Set-Cookie"):
        return False
    cc = response.get("Cache-Control", "").lower()
    if any(word in cc for word in ("private", "no-store", "no-cache")):
        return False
    vary = {h.strip() for h in response.get("Vary", "").lower().split(",") if h.strip()}
    # A page that looked at cookies was rendered for this request's cookies;
    # it is the anonymous version only if the request carried none.
    if "cookie" in vary and request.COOKIES:
        return False
    # Entries are keyed by URL only: a page that varies on another header
    # (Accept for an API, Accept-Language...) is not stored.
    return vary <= {"cookie"}


def browser_max_age() -> int:
    return int(getattr(settings, "PAGE_CACHE_BROWSER_MAX_AGE", 10))


def cdn_max_age() -> int:
    """A CDN that is purged on change may keep pages long; one that is not,
    no longer than a browser."""
    default = 300 if getattr(settings, "PAGE_CACHE_CDN_PURGE_URL", "") else browser_max_age()
    value = getattr(settings, "PAGE_CACHE_CDN_MAX_AGE", None)
    return default if value is None else int(value)


def _public_cache_control(response: HttpResponse, horizon: int | None = None) -> None:
    """Browsers keep an anonymous page seconds (``max-age``): nobody can
    purge them, so an unpublished story must not outlive that. A CDN
    (``s-maxage``) keeps it longer and is purged by surrogate key on every
    change. Neither keeps it past the next clock-driven change (``horizon``
    seconds). No ``stale-while-revalidate``: it let a browser show a page
    for minutes after an unpublish."""
    if response.has_header("Cache-Control"):
        return
    browser, cdn = browser_max_age(), cdn_max_age()
    if horizon is not None:
        browser, cdn = min(browser, horizon), min(cdn, horizon)
    patch_cache_control(response, public=True, max_age=browser, s_maxage=cdn)


def _etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Add an ETag when the view set none and answer 304 when the client has it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if not response.has_header("ETag"):
        response["ETag"] = _etag(response.content)
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=None,
        response=response,
    )


class PageCacheMiddleware:
    """Serves and stores whole pages for anonymous GET/HEAD requests, with
    ETag/Last-Modified and 304s; marks everything else private."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            response = self.get_response(request)
            staff.sync_marker(request, response)
            if request.method in ("GET", "HEAD") and not request.path.startswith(NEVER_CACHED_PREFIXES):
                if not is_anonymous_request(request):
                    patch_cache_control(response, private=True, no_cache=True)
                    patch_vary_headers(response, ["Cookie"])
                response = _conditional(request, response)
            return response

        if not resilience.available():
            return self._without_cache(request)
        invalidation.retry_pending()
        key = store.entry_key(request)
        try:
            state, entry = store.lookup(key)
        except resilience.CACHE_ERRORS as exc:
            resilience.trip(exc)
            return self._without_cache(request)
        if entry is not None:
            return self._from_entry(request, entry)
        wait = render_limit.retry_after(request)
        if wait is not None:
            return _too_many_renders(request, wait)

        token = dependencies.start_collecting()
        try:
            response = self.get_response(request)
        finally:
            collected = dependencies.stop_collecting(token)

        if _storable_response(request, response):
            deps = dependencies.page_dependencies(request, collected)
            _tag(response, deps)
            now = time.time()
            if not response.has_header("ETag"):
                response["ETag"] = _etag(response.content)
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(now)
            stored = False
            try:
                ttl = store.seconds_until_horizon(state=state)
                _public_cache_control(response, ttl)
                entry = {
                    "status": response.status_code,
                    "content": response.content,
                    "headers": [(k, v) for k, v in response.items() if k.lower() not in _HOP_HEADERS],
                    "stored_at": now,
                }
                stored = store.store_entry(key, entry, deps, state, ttl)
            except resilience.CACHE_ERRORS as exc:
                resilience.trip(exc)
            response["X-Page-Cache"] = "miss, stored" if stored else "miss"
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=int(now), response=response
            )
        staff.sync_marker(request, response)
        response["X-Page-Cache"] = "bypass"
        return _conditional(request, response)

    def _without_cache(self, request: HttpRequest) -> HttpResponse:
        """The page rendered afresh, the cache being unavailable; still
        tagged for a CDN, with a short public lifetime."""
        token = dependencies.start_collecting()
        try:
            response = self.get_response(request)
        finally:
            collected = dependencies.stop_collecting(token)
        if _storable_response(request, response):
            _tag(response, dependencies.page_dependencies(request, collected))
            _public_cache_control(response)
        response["X-Page-Cache"] = "unavailable"
        return _conditional(request, response)

    @staticmethod
    def _from_entry(request: HttpRequest, entry: dict, how: str = "hit") -> HttpResponse:
        # Stored with the page: its Surrogate-Key and Cache-Tag headers too.
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = how
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=int(entry["stored_at"]),
            response=response,
        )


def _tag(response: HttpResponse, deps: set[str]) -> None:
    """The page's dependency keys, for a CDN to purge by: ``Surrogate-Key``
    separated by spaces, ``Cache-Tag`` by commas."""
    keys = sorted(deps)
    response["Surrogate-Key"] = " ".join(keys)
    response["Cache-Tag"] = ",".join(keys)


def _too_many_renders(request: HttpRequest, wait: int) -> HttpResponse:
    """429 for a client over its page-render rate (``pagecache.render_limit``)."""
    body = render_to_string("429.html", {"retry_after": wait}, request=None)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(wait)
    patch_cache_control(response, no_store=True)
    response["X-Page-Cache"] = "limited"
    return response
