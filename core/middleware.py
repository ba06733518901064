"""A database that cannot be reached is a 503 that says to retry, not a 500.

When PostgreSQL is down or every pooled connection is taken (the pool's
timeout), views raise ``OperationalError``. That is an outage, not a bug:
answer ``503 Service Unavailable`` with ``Retry-After`` (load balancers,
CDNs and crawlers treat it as temporary; a CDN may serve its stale copy),
and log it as a warning rather than a server error with a traceback.
Cached pages never get here: the page cache answers them with no SQL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


DATABASE_DOWN = (OperationalError, InterfaceError)


def database_unavailable(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 503 a reader gets while the database cannot be reached."""
    logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


class DatabaseUnavailableMiddleware:
    """For the view and its template; ``server_error`` (the 500 handler)
    catches the same outage raised inside another middleware (a session
    saved, a redirect looked up on a 404), which never reaches
    ``process_exception``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_DOWN):
            return None
        return database_unavailable(request, exception)
