"""Local development: DEBUG on, an insecure key, the embedded SQLite default."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-key-do-not-use-in-production")

# The demo newsroom (manage.py load_demo) exists only outside production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# Serve static files straight from the app folders: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# bin/demo runs the web server and the task worker as separate processes:
# with a per-process memory cache, the worker's purges (a stored related
# list, a scheduled story's moment) would never reach the pages runserver
# cached. A folder on disk is shared by both and needs no server.
if not env_str("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache"),  # noqa: F405
            "TIMEOUT": env_int("CACHE_TIMEOUT", 600),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
