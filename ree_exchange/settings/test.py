"""Test runs: the same stack as production where it matters (real database
from DATABASE_URL, real templates), faster where it does not."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR
from .env import env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "test-only-key")

# The demo newsroom (manage.py load_demo) exists only outside production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # No manifest in tests: collectstatic is not run before each test.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# django-axes needs a request on every authenticate(); the test client's
# login() has none. Tests of throttling turn it back on.
AXES_ENABLED = False
# Test cases run inside a transaction that never commits: index search
# documents at once instead of on commit (search/documents.py).
SEARCH_INDEX_ON_COMMIT = False
# Page content tests see every write at once, however it was made (even a
# queryset .update() that no invalidation hears); the page cache's own tests
# (tests/core/test_cache.py...) switch it on.
PAGE_CACHE_ENABLED = False
# One client address makes every test request: the render bound would count
# them all. Its own tests (tests/pagecache/test_render_limit.py) set it.
PAGE_RENDER_RATE = ""
# Tasks run when enqueued (on commit), so a test sees their effect at once.
# Tests about the queue itself (tests/tasks/) switch to TASKS_QUEUE, the real
# backend TASKS_BACKEND names: the database by default, Redis with
# TASKS_BACKEND=rq (.ci/run runs them both ways).
TASKS_QUEUE = TASKS
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                     "QUEUES": ["default", "recommendations"]}}
# Each test process saves its recommendation index apart (pytest-xdist).
RECOMMENDATIONS_INDEX_PATH = BASE_DIR / "test-artifacts" / f"recommendations-index-{os.getpid()}.joblib"
