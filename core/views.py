import secrets
import sys

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as default_server_error

from .middleware import DATABASE_DOWN, database_unavailable


def ping(request: HttpRequest) -> HttpResponse:
    """The cheapest answer the stack can give (no database, no template): the
    baseline the benchmark compares every page with."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: an error that is the database being away (raised
    where the middleware cannot turn it into a 503) is still a 503 with
    ``Retry-After``; anything else is the usual 500 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_DOWN):
        return database_unavailable(request, exception)
    return default_server_error(request)


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and feed readers ask for whatever a page
    links, 301 to the hashed static file (resolved per request: the manifest
    may not exist yet when the URLconf is imported)."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))


def _cache_status() -> str:
    """A write read back: a cache that is down may answer as an empty one
    (the page cache's Redis backend does), so an answer alone proves nothing."""
    probe = secrets.token_hex(8)
    try:
        cache.set(f"healthz:{probe}", probe, timeout=5)
        ok = cache.get(f"healthz:{probe}") == probe
    except Exception:  # noqa: BLE001 (any backend's "down" is degraded, not a 500)
        ok = False
    return "ok" if ok else "unavailable"


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 when it does not. A cache
    that does not answer makes the status "degraded", still 200: pages are
    served without it, so a load balancer should keep the instance."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    cache_status = _cache_status()
    status = "ok" if cache_status == "ok" else "degraded"
    return JsonResponse({"status": status, "database": "ok", "cache": cache_status})
