"""WSGI entry point. Defaults to production settings: a server started without
configuration must not run with DEBUG and a development key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.prod")

application = get_wsgi_application()

# Import every URLconf and view now, not in the first request a worker
# serves (the recommendation engine is not among them: it loads only in the
# task worker). With gunicorn's preload_app the workers are
# forked from a master that has done it once, so a recycled worker starts
# serving at once instead of stalling its first request.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
