"""A bound on what one client can make the site render.

A cached page costs a Redis round trip; a miss costs a full render (SQL,
templates). Misses are what an attacker can force (``/search/?q=<random>``,
one new URL after another), so each client address gets
``PAGE_RENDER_RATE`` page-cache misses per window (django-ratelimit on the
shared cache); beyond that it is answered 429 with ``Retry-After`` until
the window ends. Hits are never counted or limited. A cache that cannot
count (Redis down) lets requests through: readers are not refused for an
outage of ours.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

GROUP = "pagecache.render"


def client_address(group: str, request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or with
    ``PAGE_RENDER_PROXY_COUNT`` trusted proxies in front, the address the
    outermost of them saw (counted from the right of X-Forwarded-For, so a
    client cannot choose it)."""
    proxies = int(getattr(settings, "PAGE_RENDER_PROXY_COUNT", 0))
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def retry_after(request: HttpRequest) -> int | None:
    """Count one render for this client; the seconds it must wait when it
    is over its rate, else None."""
    rate = getattr(settings, "PAGE_RENDER_RATE", "")
    if not rate:
        return None
    usage = get_usage(request, group=GROUP, key=client_address, rate=rate, increment=True)
    if usage is None or not usage["should_limit"] or usage["limit"] == 0:
        # limit 0: the cache could not count (django-ratelimit failing closed).
        return None
    return max(1, int(usage["time_left"]))
