"""Parts of a page cached by their content, beside the whole-page cache.

A page entry is keyed by URL and depends on everything the page shows, so
it goes stale for reasons a part of it does not care about: a story being
scheduled (``"clock"``), its "You Might Also Like" list being refreshed, a
menu edit. A fragment is keyed by a fingerprint of its own content (say,
an article's id and last save) and depends only on the objects loaded
while it rendered, checked exactly as a page entry's are (``store``), so
the page around it re-renders without redoing the fragment's queries.

Fragments are used only while an anonymous page is being cached (the only
time dependencies are collected); every other render (staff, previews, a
cache that is down) renders afresh. ``PAGE_FRAGMENT_CACHE = False`` turns
them off, for a benchmark of the full render.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

from . import dependencies, resilience, store

FRAGMENT_PREFIX = "pc:f:"
T = TypeVar("T")


def fragment_cache_enabled() -> bool:
    return getattr(settings, "PAGE_FRAGMENT_CACHE", True)


def fragment_key(name: str, fingerprint: str) -> str:
    return FRAGMENT_PREFIX + hashlib.sha256(f"{name}\n{fingerprint}".encode()).hexdigest()


def cached_fragment(*, name: str, fingerprint: str, render: Callable[[], T]) -> T:
    """``render()``'s value (picklable: rendered HTML, a dict of it), from
    the cache when a fragment with this name and fingerprint is stored and
    none of its dependencies changed since. It depends on what the page had
    loaded before (the article, its featured image) and on what ``render``
    loads; the page being cached depends on them either way."""
    if not (fragment_cache_enabled() and dependencies.collecting() and resilience.available()):
        return render()
    key = fragment_key(name, fingerprint)
    try:
        state, entry = store.lookup(key)
    except resilience.CACHE_ERRORS as exc:
        resilience.trip(exc)
        return render()
    if entry is not None:
        dependencies.cache_depends(None, *entry["deps"])
        return entry["value"]
    before = dependencies.collected()
    with dependencies.collecting_apart() as collector:
        value = render()
    deps = {dependencies.SITE, *before, *collector.loaded, *collector.declared}
    dependencies.cache_depends(None, *deps)
    try:
        store.store_entry(key, {"value": value}, deps, state, store.page_cache_timeout())
    except resilience.CACHE_ERRORS as exc:
        resilience.trip(exc)
    return value
