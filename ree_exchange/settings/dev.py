"""Local development: DEBUG on, an insecure key, the embedded SQLite default."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-key-do-not-use-in-production")

# The demo newsroom (manage.py load_demo) exists only outside production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# Serve static files straight from the app folders: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
