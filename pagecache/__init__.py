"""Whole-page cache for anonymous readers, invalidated by dependency keys.

Layers: ``pagecache`` imports only ``core`` and Django. The apps above it
(articles, entities, authors) tell it which models pages depend on
(:func:`pagecache.dependencies.track`) and when the next clock-driven
visibility change is (:func:`pagecache.store.set_horizon_source`).

Public API:

* :mod:`pagecache.dependencies`: ``track``, ``cache_depends``, ``subject_key``, ``LISTS``;
* :mod:`pagecache.invalidation`: ``purge(*, keys)`` (local + CDN), ``invalidate``,
  ``invalidate_on_commit``, ``current_versions``;
* :mod:`pagecache.middleware`: ``PageCacheMiddleware``;
* :mod:`pagecache.pagination`: ``page_or_404`` with cached counts.
"""
