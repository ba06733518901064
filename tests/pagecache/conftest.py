"""The page cache under test on both of its backends."""

from __future__ import annotations

import pytest

from tests.core.test_cache import redis_cache  # noqa: F401 (the Redis page cache fixture)


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    """The page cache on, over the memory cache and over Redis."""
    settings.PAGE_CACHE_ENABLED = True
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param
