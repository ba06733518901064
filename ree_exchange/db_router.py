"""PostgreSQL read replicas: reads go to a replica, writes to the primary.

Configured by ``DATABASE_REPLICA_URLS`` (comma-separated URLs; each becomes
an alias ``replica_1``, ``replica_2``...). With none configured the router
sends everything to ``default`` and changes nothing.

Read-your-writes: a request that may write or that belongs to a signed-in
person (admin, preview, any request carrying a session cookie, any
non-GET/HEAD method) is *pinned* to the primary for all its queries, so an
editor never sees a page older than what they just saved. Once a request
writes, its later reads go to the primary too. Anonymous readers, who never
write, read from replicas and tolerate replication lag of a second or two
(the page cache shortens what it stores right after a change, see
``core.cache``).
"""

from __future__ import annotations

import contextvars
import random
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("db_pinned_to_primary", default=False)

PINNED_PREFIXES = ("/admin/", "/preview/")


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def pin_to_primary() -> None:
    _pinned.set(True)


def is_pinned() -> bool:
    return _pinned.get()


class PrimaryReplicaRouter:
    """Reads to a random replica unless pinned; writes, migrations and
    relations all belong to the primary (replicas are copies of it)."""

    def db_for_read(self, model, **hints) -> str | None:
        replicas = replica_aliases()
        if not replicas or _pinned.get():
            return "default"
        return random.choice(replicas)

    def db_for_write(self, model, **hints) -> str:
        _pinned.set(True)
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool:
        return db == "default"


class PinPrimaryMiddleware:
    """Decides, per request, whether its reads may go to a replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pinned = (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(PINNED_PREFIXES)
        )
        token = _pinned.set(pinned)
        try:
            return self.get_response(request)
        finally:
            _pinned.reset(token)


def replica_databases(urls: list[str], parse: Callable[[str], dict]) -> dict[str, dict]:
    """DATABASES entries for the replica URLs; in tests each mirrors default
    (Django then reads through the default connection, so fixtures are seen)."""
    out = {}
    for n, url in enumerate(urls, 1):
        db = parse(url)
        db["TEST"] = {"MIRROR": "default"}
        out[f"replica_{n}"] = db
    return out
