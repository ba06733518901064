"""Which requests skip the page cache: real staff sessions only.

A session cookie proves nothing by itself (anyone can send
``sessionid=anything``), and checking it against the session store would
cost a query per made-up cookie. So when a member of staff is signed in,
the response also carries a marker cookie: an HMAC of their session key
under ``SECRET_KEY``. A request skips the cache only when its marker
matches its session cookie, which needs no I/O and cannot be forged. The
session key changes at sign-in and sign-out, so a marker never outlives
its session; a marker whose user is no longer staff is removed on the next
response that looked at the user.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "pagecache.staff-session"


def marker_cookie_name() -> str:
    return getattr(settings, "PAGE_CACHE_STAFF_COOKIE", "ree_staff")


def _marker_for(session_key: str) -> str:
    return salted_hmac(_SALT, session_key).hexdigest()


def has_staff_session(request: HttpRequest) -> bool:
    """True when the request carries a session cookie and the marker this
    site gave that session when a member of staff used it."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    marker = request.COOKIES.get(marker_cookie_name())
    if not session_key or not marker:
        return False
    return constant_time_compare(marker, _marker_for(session_key))


def sync_marker(request: HttpRequest, response: HttpResponse) -> None:
    """Give a signed-in member of staff the marker for their current
    session; take it from anyone else who has one. Only requests that carry
    a session cookie or a marker are looked at, so an anonymous request
    costs nothing here."""
    name = marker_cookie_name()
    # (A sign-in sets the session cookie on this very response.)
    cookies = (request.COOKIES, response.cookies)
    if not any(settings.SESSION_COOKIE_NAME in c or name in c for c in cookies):
        return
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    session_key = getattr(session, "session_key", None)
    is_staff = bool(session_key and user is not None and user.is_authenticated and user.is_staff)
    if is_staff:
        wanted = _marker_for(session_key)
        if request.COOKIES.get(name) != wanted:
            response.set_cookie(
                name,
                wanted,
                max_age=settings.SESSION_COOKIE_AGE,
                path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
    elif name in request.COOKIES:
        response.delete_cookie(name, path=settings.SESSION_COOKIE_PATH, domain=settings.SESSION_COOKIE_DOMAIN,
                               samesite=settings.SESSION_COOKIE_SAMESITE)
