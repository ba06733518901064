"""Old addresses that keep working: a request that would end in 404 is
looked up among stored old paths and answered with a 301. Each app that
stores old paths (articles, pages) subclasses the middleware with its own
lookup; only 404s pay for it (one indexed query)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect


def lookup_paths(path: str) -> set[str] | None:
    """The stored forms ``path`` may have (with and without its trailing
    slash), or None for a path no stored one can be: PostgreSQL refuses NUL
    in text, and none is longer than 500 characters."""
    if "\x00" in path or len(path) > 500:
        return None
    return {path, path.rstrip("/") or "/", path if path.endswith("/") else f"{path}/"}


class NotFoundRedirectMiddleware:
    """Turns a GET/HEAD 404 into a 301 to ``redirect_target(path)``. It sits
    inside the other middleware so it sees the view's own answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def redirect_target(path: str) -> str | None:
        raise NotImplementedError

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = self.redirect_target(request.path)
        if target is None or target == request.path:
            return response
        return HttpResponsePermanentRedirect(target)
