import shutil

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    """Each test writes uploads into its own folder, removed afterwards."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_url():
    return settings.SITE_URL
