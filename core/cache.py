"""Whole-page cache for anonymous readers, invalidated by dependency versions.

How it works
------------
* While an anonymous page renders, every Article, Tag, Official, Enterprise,
  Regulator, Position, AuthorProfile or Correction the view loads is noted as
  a dependency (``"article:12"``, ``"tag:5"`` ...) by a ``post_init`` hook
  that is active only during such a render. Views may add their own keys
  with :func:`cache_depends`.
* A page about one subject (a topic, a profile) also depends on that
  subject's *membership* key (``"members:tag:<slug>"``), bumped when an
  article joining or leaving it changes; every other page depends on
  ``"lists"``, bumped on any change readers can see. So the default is
  correct for any view (over-invalidating at worst), precise for the
  subject pages named in ``PAGE_CACHE_SUBJECTS``.
* The stored entry keeps the version of each dependency at render time. A
  hit costs no SQL and, on Redis, one round trip (the entry keeps its
  dependency list beside it and Redis compares the versions); elsewhere
  two (the entry, then one ``get_many`` of its versions). :func:`invalidate` gives the changed keys new random
  versions, so every entry that recorded the old ones stops matching.
* Visibility is decided from the clock (scheduled articles appear, expiring
  ones vanish, with no job running), so an entry never outlives the next
  moment an article becomes or stops being visible (the "horizon").
"""

from __future__ import annotations

import contextvars
import datetime
import hashlib
import secrets
import time
import uuid
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_init, post_save
from django.http import HttpRequest
from django.utils import timezone

from . import local_pages

VERSION_PREFIX = "pc:v:"
ENTRY_PREFIX = "pc:e:"
EPOCH_KEY = "pc:epoch"
HORIZON_KEY = "pc:horizon"
LISTS = "lists"

# The models whose edits invalidate pages, by dependency name.
TRACKED_MODELS = {
    "articles.Article": "article",
    "articles.Correction": "correction",
    "taggit.Tag": "tag",
    "entities.Official": "official",
    "entities.Enterprise": "enterprise",
    "entities.Regulator": "regulator",
    "entities.Position": "position",
    "authors.AuthorProfile": "author",
}
# Of those, the ones whose loaded instances are noted as dependencies. An
# edited position bumps its official and a correction its article (and the
# lists), so noting them too would only make entries longer to validate.
COLLECTED_MODELS = {"article", "tag", "official", "enterprise", "regulator", "author"}

# URL name -> kind of subject its ``slug`` names. Pages not listed depend on
# "lists" (correct, less precise). Override with settings.PAGE_CACHE_SUBJECTS.
DEFAULT_SUBJECTS = {
    "articles:detail": "article",
    "articles:topic": "tag",
    "entities:official": "official",
    "entities:enterprise": "enterprise",
    "entities:regulator": "regulator",
    "authors:detail": "author",
}

class _Collector:
    __slots__ = ("loaded", "declared")

    def __init__(self) -> None:
        self.loaded: set[str] = set()  # noted from model instances
        self.declared: set[str] = set()  # added by views (cache_depends)


_collector: contextvars.ContextVar[_Collector | None] = contextvars.ContextVar("page_cache_deps", default=None)


# -- settings ---------------------------------------------------------------

def page_cache_enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def page_cache_timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 900))


def subjects() -> dict[str, str]:
    return getattr(settings, "PAGE_CACHE_SUBJECTS", DEFAULT_SUBJECTS)


# -- collecting dependencies --------------------------------------------------

def start_collecting() -> contextvars.Token:
    return _collector.set(_Collector())


def stop_collecting(token: contextvars.Token) -> _Collector:
    collector = _collector.get() or _Collector()
    _collector.reset(token)
    return collector


def cache_depends(request: HttpRequest | None, *keys: str) -> None:
    """Declare that the page being rendered depends on ``keys`` (e.g.
    ``"tag:5"``, ``"lists"``); a no-op when the page is not being cached."""
    collector = _collector.get()
    if collector is not None:
        collector.declared.update(keys)


def _note_instance(sender, instance, **kwargs) -> None:
    collector = _collector.get()
    if collector is not None and instance.pk is not None:
        collector.loaded.add(f"{TRACKED_MODELS_BY_CLASS[sender]}:{instance.pk}")


def _note_article_state(sender, instance, **kwargs) -> None:
    # Whether the article was public-facing when loaded, so that saving it
    # out of that state (outside the workflow) still refreshes the lists.
    # __dict__, not the attribute: a deferred status (``.only()``) must not
    # cost a query per loaded article.
    instance._page_cache_was_listed = instance.pk is not None and instance.__dict__.get("status") in _LISTED_STATUSES
    _note_instance(sender, instance, **kwargs)


_LISTED_STATUSES = ("published", "scheduled")


TRACKED_MODELS_BY_CLASS: dict[type, str] = {}


def subject_key(kind: str, slug: str) -> str:
    return f"members:{kind}:{slug}"


def page_dependencies(request: HttpRequest, collector: _Collector) -> set[str]:
    """What a rendered page depends on.

    A page about one subject (URL name in PAGE_CACHE_SUBJECTS with a slug)
    depends on that subject's membership and on every object it loaded.
    Any other page (home, feeds, search, directories...) depends on "lists",
    which every change readers can see bumps, so the objects it loaded add
    nothing: validating a hit then costs one key instead of dozens."""
    match = getattr(request, "resolver_match", None)
    kind = subjects().get(match.view_name) if match else None
    slug = match.kwargs.get("slug") if match else None
    if kind and slug:
        return {subject_key(kind, slug)} | collector.loaded | collector.declared
    return {LISTS} | collector.declared


# -- versions ----------------------------------------------------------------

def _vkey(dep: str) -> str:
    return VERSION_PREFIX + dep


def _new_version() -> int:
    # Random, not a counter: no read-modify-write, and a key recreated after
    # eviction can never repeat a version an old entry recorded. An int, so
    # Redis stores it unpickled and reads it back cheaply.
    return secrets.randbits(62)


def current_versions(deps: Iterable[str]) -> dict[str, int]:
    """Version of each dependency; missing ones get a fresh version (never a
    default), so an evicted version key can only cause a miss, never a stale
    hit."""
    deps = sorted(set(deps))
    found = cache.get_many([_vkey(d) for d in deps])
    versions = {d: found.get(_vkey(d)) for d in deps}
    missing = [d for d, v in versions.items() if v is None]
    for dep in missing:
        cache.add(_vkey(dep), _new_version(), timeout=None)
    if missing:
        again = cache.get_many([_vkey(d) for d in missing])
        versions.update({d: again.get(_vkey(d)) for d in missing})
    return versions


def versions_match(recorded: dict[str, int]) -> bool:
    if not recorded:
        return True
    found = cache.get_many([_vkey(d) for d in recorded])
    return all(found.get(_vkey(d)) == v for d, v in recorded.items())


def invalidate(keys: Iterable[str]) -> None:
    """Give each dependency key a new version: every cached page that
    recorded the old one is stale from now on. Also moves the epoch (renders
    in flight will not store what they read before this change) and forgets
    the visibility horizon."""
    keys = set(keys)
    if not keys:
        return
    fresh = {_vkey(k): _new_version() for k in keys}
    fresh[EPOCH_KEY] = f"{time.time():.3f}:{uuid.uuid4().hex}"
    cache.set_many(fresh, timeout=None)
    cache.delete(HORIZON_KEY)
    # Workers' own copies of pages (core/local_pages.py): this process's
    # at once, the others' by message.
    local = local_pages.for_backend(cache)
    if local is not None:
        local.drop(keys)
    if hasattr(cache, "publish_invalidation"):
        cache.publish_invalidation(keys)


def invalidate_on_commit(keys: Iterable[str]) -> None:
    keys = set(keys)
    transaction.on_commit(lambda: invalidate(keys))


def article_dependency_keys(article_ids: Iterable[int]) -> set[str]:
    """Keys to bump when these articles change: the articles, the
    membership of every topic, entity and author they belong to, and the
    lists."""
    from articles.models import Article, TaggedArticle

    ids = sorted({int(i) for i in article_ids})
    keys = {LISTS}
    if not ids:
        return keys
    keys.update(f"article:{i}" for i in ids)
    keys.update(
        subject_key("article", slug) for slug in Article.objects.filter(pk__in=ids).values_list("slug", flat=True)
    )
    keys.update(
        subject_key("tag", slug)
        for slug in TaggedArticle.objects.filter(content_object_id__in=ids).values_list("tag__slug", flat=True)
    )
    for field, kind in (("officials", "official"), ("enterprises", "enterprise"), ("regulators", "regulator"),
                        ("authors", "author")):
        through = Article._meta.get_field(field).remote_field.through
        target = Article._meta.get_field(field).m2m_reverse_field_name()
        source = Article._meta.get_field(field).m2m_field_name()
        keys.update(
            subject_key(kind, slug)
            for slug in through.objects.filter(**{f"{source}_id__in": ids}).values_list(f"{target}__slug", flat=True)
        )
    return keys


def invalidate_articles(article_ids: Iterable[int]) -> None:
    """Invalidate every cached page that shows or lists these articles."""
    invalidate(article_dependency_keys(article_ids))


def invalidate_article_pages(article_ids: Iterable[int]) -> None:
    """Invalidate only these articles' own pages (their "You Might Also
    Like" list changed); their topics, profiles and lists are untouched."""
    from articles.models import Article

    ids = sorted({int(i) for i in article_ids})
    if ids:
        invalidate(subject_key("article", slug) for slug in Article.objects.filter(pk__in=ids)
                   .values_list("slug", flat=True))


# -- visibility horizon ---------------------------------------------------------

_UNREAD = object()


def visibility_horizon(now: datetime.datetime | None = None, stamp: object = _UNREAD) -> datetime.datetime | None:
    """The next moment an article becomes visible (scheduled) or stops being
    visible (expiry); cached until then or until the next invalidation.
    ``stamp`` is the cached value when the caller has read it already."""
    from articles.models import Article

    now = now or timezone.now()
    if stamp is _UNREAD:
        stamp = cache.get(HORIZON_KEY)
    if stamp is not None:
        return None if stamp == "none" else datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)
    agg = Article.objects.filter(
        status__in=(Article.Status.PUBLISHED, Article.Status.SCHEDULED)
    ).aggregate(
        next_publish=Min("published_at", filter=Q(published_at__gt=now)),
        next_expiry=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    moments = [m for m in agg.values() if m is not None]
    horizon = min(moments) if moments else None
    if horizon is None:
        cache.set(HORIZON_KEY, "none", timeout=page_cache_timeout())
    else:
        ttl = max(1, min(int((horizon - now).total_seconds()), page_cache_timeout()))
        cache.set(HORIZON_KEY, horizon.timestamp(), timeout=ttl)
    return horizon


def seconds_until_horizon(now: datetime.datetime | None = None, state: CacheState | None = None) -> int:
    now = now or timezone.now()
    horizon = visibility_horizon(now, _UNREAD if state is None else state.horizon)
    if horizon is None:
        return page_cache_timeout()
    return max(0, min(page_cache_timeout(), int((horizon - now).total_seconds())))


# -- entries -----------------------------------------------------------------------

def entry_key(request: HttpRequest) -> str:
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return ENTRY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


# Caches other than Redis (which checks versions itself, see
# core/redis_cache.py): entry key -> the dependency versions its entry
# recorded when this process last saw it. Lets a hit read the entry and check its versions in ONE round
# trip. Only a hint: a wrong or missing one costs a second round trip, never
# a stale page (the entry's own record is always compared).
_deps_hint: dict[str, dict[str, int]] = {}
_HINT_LIMIT = 20_000


def _remember(key: str, versions: dict[str, int]) -> None:
    if len(_deps_hint) >= _HINT_LIMIT:
        _deps_hint.clear()
    _deps_hint[key] = versions


class CacheState(NamedTuple):
    """What a lookup read besides the page: the epoch (to refuse storing a
    render that an invalidation overtook), on Redis the epoch exactly as
    stored and the visibility horizon (read in the same round trip)."""

    epoch: str | None
    raw_epoch: bytes | None = None
    horizon: object = _UNREAD


def lookup(key: str) -> tuple[CacheState, dict | None]:
    """(state, entry) where ``entry`` is a still-valid cached page or None."""
    if hasattr(cache, "get_page"):
        # Redis: the entry carries its dependency list, checked on the server.
        entry, epoch, raw_epoch, horizon, matched = cache.get_page(key, EPOCH_KEY, HORIZON_KEY)
        return CacheState(epoch, raw_epoch, horizon), entry if matched else None
    hint = _deps_hint.get(key, {})
    found = cache.get_many([key, EPOCH_KEY, *(_vkey(d) for d in hint)])
    entry, state = found.get(key), CacheState(found.get(EPOCH_KEY))
    if entry is None:
        return state, None
    if entry["deps"] == hint and all(found.get(_vkey(d)) == v for d, v in hint.items()):
        return state, entry
    valid = versions_match(entry["deps"])
    if valid:
        _remember(key, entry["deps"])
    return state, entry if valid else None


def store_entry(key: str, entry: dict, deps: set[str], state: CacheState, timeout: int) -> bool:
    """Store ``entry`` with the versions of ``deps``, unless an invalidation
    happened while the page rendered (the epoch moved)."""
    if timeout <= 0:
        return False
    timeout = min(timeout, _replica_lag_timeout(state.epoch))
    entry["expires_at"] = time.time() + timeout
    if hasattr(cache, "store_page"):
        # Redis reads the versions, compares the epoch and writes in one
        # script; the versions are kept beside the page, not in it.
        names = sorted(set(deps))
        entry["deps"] = names
        return cache.store_page(key, entry, [_vkey(d) for d in names], _new_version(),
                                EPOCH_KEY, state.raw_epoch, timeout)
    versions = current_versions(deps)
    if cache.get(EPOCH_KEY) != state.epoch:
        return False
    entry["deps"] = versions
    cache.set(key, entry, timeout=timeout)
    _remember(key, versions)
    return True


def _replica_lag_timeout(epoch: str | None) -> int:
    """Right after a change, a render may have read a replica that has not
    replayed it yet: keep such pages only for the lag allowance."""
    from ree_exchange.db_router import replica_aliases

    lag = int(getattr(settings, "PAGE_CACHE_REPLICA_LAG", 5))
    if not epoch or not lag or not replica_aliases():
        return page_cache_timeout()
    changed_at = float(epoch.split(":", 1)[0])
    return lag if time.time() - changed_at < lag else page_cache_timeout()


# -- signals: edits made outside the workflow ------------------------------------

def _bump_instance(sender, instance, **kwargs) -> None:
    """Edits made anywhere (admin, imports, shell, merge tools) refresh the
    pages showing the edited object, on commit. Lists pages depend only on
    "lists", so any edit they may show bumps it too; an article's bumps it
    only when the article is or was public-facing (saving a draft leaves the
    home page cached)."""
    kind = TRACKED_MODELS_BY_CLASS[sender]
    keys = {f"{kind}:{instance.pk}"}
    if kind == "position" and instance.official_id:
        keys.add(f"official:{instance.official_id}")
    if kind == "correction" and instance.article_id:
        keys.add(f"article:{instance.article_id}")
    deleted = kwargs.get("signal") is post_delete
    status = instance.__dict__.get("status")
    if kind != "article" or deleted or status in _LISTED_STATUSES or getattr(
        instance, "_page_cache_was_listed", True
    ):
        keys.add(LISTS)
    if kind == "article" and not deleted:
        instance._page_cache_was_listed = status in _LISTED_STATUSES
    invalidate_on_commit(keys)


def connect_signals() -> None:
    """Called once from CoreConfig.ready()."""
    from django.apps import apps

    for label, kind in TRACKED_MODELS.items():
        model = apps.get_model(label)
        TRACKED_MODELS_BY_CLASS[model] = kind
        if kind == "article":
            post_init.connect(_note_article_state, sender=model, dispatch_uid=f"page_cache_note_{label}")
        elif kind in COLLECTED_MODELS:
            post_init.connect(_note_instance, sender=model, dispatch_uid=f"page_cache_note_{label}")
        post_save.connect(_bump_instance, sender=model, dispatch_uid=f"page_cache_save_{label}")
        post_delete.connect(_bump_instance, sender=model, dispatch_uid=f"page_cache_delete_{label}")
