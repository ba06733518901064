"""What a cached page depends on.

* While an anonymous page renders, every instance of a tracked model the
  view loads is noted as a dependency (``"article:12"``, ``"tag:5"`` ...) by a
  ``post_init`` hook that is active only during such a render. Views may add
  their own keys with :func:`cache_depends`.
* A page about one subject (a topic, a profile) also depends on that
  subject's *membership* key (``"members:tag:<slug>"``), bumped when an
  article joining or leaving it changes; every other page depends on
  ``"lists"``, bumped on any change readers can see. So the default is
  correct for any view (over-invalidating at worst), precise for the
  subject pages named in ``PAGE_CACHE_SUBJECTS``.
* Every page also depends on ``"clock"``. A page is stored no longer than
  the next clock-driven visibility change (the horizon, store.py), but one
  stored before a story was scheduled knew no such moment; saving an
  instance with a new future moment (``track(moments=...)``) bumps
  ``"clock"``, so every page is re-rendered once under the new horizon and
  then expires at that moment by itself, whether or not the task worker
  has caught up.
* The same keys are sent as ``Surrogate-Key`` / ``Cache-Tag`` headers, so a
  CDN in front can be purged by them (:func:`pagecache.invalidation.purge`).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_init, post_save
from django.http import HttpRequest
from django.utils import timezone

from core.images import renditions_stored

from .invalidation import invalidate_on_commit

LISTS = "lists"
CLOCK = "clock"
# Every page depends on this one too: bumping it (pagecache.invalidation.
# invalidate_everything, after a restore) drops every cached page here and,
# as a surrogate key on every response, at the CDN.
SITE = "site"


@dataclass(frozen=True)
class Tracked:
    kind: str
    collect: bool
    extra_keys: Callable[[models.Model], Iterable[str]] | None
    listed: Callable[[models.Model], bool] | None
    moments: Callable[[models.Model], Iterable[datetime.datetime | None]] | None


_tracked: dict[type[models.Model], Tracked] = {}
_subjects: dict[str, str] = {}


class Collector:
    __slots__ = ("loaded", "declared")

    def __init__(self) -> None:
        self.loaded: set[str] = set()  # noted from model instances
        self.declared: set[str] = set()  # added by views (cache_depends)


_collector: contextvars.ContextVar[Collector | None] = contextvars.ContextVar("page_cache_deps", default=None)


def track(
    model: type[models.Model],
    *,
    kind: str,
    collect: bool = True,
    extra_keys: Callable[[models.Model], Iterable[str]] | None = None,
    listed: Callable[[models.Model], bool] | None = None,
    moments: Callable[[models.Model], Iterable[datetime.datetime | None]] | None = None,
) -> None:
    """Make pages depend on ``model``: saving or deleting an instance bumps
    ``"<kind>:<pk>"`` (plus ``extra_keys(instance)``) and the lists. With
    ``collect``, instances loaded while a page renders are noted as that
    page's dependencies. ``listed(instance)`` says whether readers can see
    the instance in lists: a save that neither was nor is listed (a draft)
    leaves list pages cached. ``moments(instance)``: when readers' view of
    the instance changes by the clock alone (a scheduled publish, an
    expiry); a save that adds a future one bumps ``"clock"``."""
    _tracked[model] = Tracked(kind, collect, extra_keys, listed, moments)
    uid = f"pagecache_{model._meta.label}"
    if collect or listed or moments:
        post_init.connect(_note_instance, sender=model, dispatch_uid=f"{uid}_note")
    post_save.connect(_bump_instance, sender=model, dispatch_uid=f"{uid}_save")
    post_delete.connect(_bump_instance, sender=model, dispatch_uid=f"{uid}_delete")


def register_subject(url_name: str, kind: str) -> None:
    """Pages at ``url_name`` are about the ``kind`` named by their ``slug``."""
    _subjects[url_name] = kind


def subjects() -> dict[str, str]:
    return getattr(settings, "PAGE_CACHE_SUBJECTS", _subjects)


def subject_key(kind: str, slug: str) -> str:
    return f"members:{kind}:{slug}"


# -- collecting ------------------------------------------------------------------

def start_collecting() -> contextvars.Token:
    return _collector.set(Collector())


def stop_collecting(token: contextvars.Token) -> Collector:
    collector = _collector.get() or Collector()
    _collector.reset(token)
    return collector


def collecting() -> bool:
    """Whether a page being cached is rendering (its dependencies noted)."""
    return _collector.get() is not None


def collected() -> set[str]:
    """What the page being cached depends on so far (nothing when none is)."""
    collector = _collector.get()
    return set() if collector is None else collector.loaded | collector.declared


@contextlib.contextmanager
def collecting_apart() -> Iterator[Collector]:
    """Note what loads inside the block in a collector of its own (a
    fragment's dependencies); the page's collector resumes after it."""
    token = start_collecting()
    try:
        yield _collector.get()
    finally:
        _collector.reset(token)


def cache_depends(request: HttpRequest | None, *keys: str) -> None:
    """Declare that the page being rendered depends on ``keys`` (e.g.
    ``"tag:5"``, ``"lists"``); a no-op when the page is not being cached."""
    collector = _collector.get()
    if collector is not None:
        collector.declared.update(keys)


def _note_instance(sender, instance, **kwargs) -> None:
    tracked = _tracked[sender]
    if tracked.listed is not None:
        # Whether it was listed when loaded, so that saving it out of that
        # state still refreshes the lists.
        instance._page_cache_was_listed = instance.pk is not None and tracked.listed(instance)
    if tracked.moments is not None:
        instance._page_cache_moments = _moments(tracked, instance) if instance.pk is not None else frozenset()
    collector = _collector.get()
    if tracked.collect and collector is not None and instance.pk is not None:
        collector.loaded.add(f"{tracked.kind}:{instance.pk}")


def page_dependencies(request: HttpRequest, collector: Collector) -> set[str]:
    """What a rendered page depends on.

    A page about one subject (URL name in the subjects with a slug) depends
    on that subject's membership and on every object it loaded. Any other
    page (home, feeds, search, directories...) depends on "lists", which
    every change readers can see bumps, so the objects it loaded add
    nothing: validating a hit then costs one key instead of dozens."""
    match = getattr(request, "resolver_match", None)
    kind = subjects().get(match.view_name) if match else None
    slug = match.kwargs.get("slug") if match else None
    if kind and slug:
        return {SITE, subject_key(kind, slug), CLOCK} | collector.loaded | collector.declared
    return {SITE, LISTS, CLOCK} | collector.declared


def _moments(tracked: Tracked, instance: models.Model) -> frozenset[datetime.datetime]:
    return frozenset(m for m in tracked.moments(instance) if m is not None)


# -- edits made anywhere (admin, imports, shell) ------------------------------------

def _bump_instance(sender, instance, **kwargs) -> None:
    tracked = _tracked[sender]
    keys = {f"{tracked.kind}:{instance.pk}"}
    if tracked.extra_keys is not None:
        keys.update(tracked.extra_keys(instance))
    deleted = kwargs.get("signal") is post_delete
    if tracked.listed is None or deleted:
        keys.add(LISTS)
    else:
        listed_now = tracked.listed(instance)
        if listed_now or getattr(instance, "_page_cache_was_listed", True):
            keys.add(LISTS)
        instance._page_cache_was_listed = listed_now
    if tracked.moments is not None and not deleted:
        moments = _moments(tracked, instance)
        now = timezone.now()
        if any(m > now for m in moments - getattr(instance, "_page_cache_moments", frozenset())):
            keys.add(CLOCK)
        instance._page_cache_moments = moments
    invalidate_on_commit(keys)


def _renditions_stored(sender, pk, **kwargs) -> None:
    tracked = _tracked.get(sender)
    if tracked is not None:
        invalidate_on_commit({f"{tracked.kind}:{pk}"})


renditions_stored.connect(_renditions_stored, dispatch_uid="pagecache_renditions_stored")
