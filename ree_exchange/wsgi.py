"""WSGI entry point. Defaults to production settings: a server started without
configuration must not run with DEBUG and a development key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.prod")

application = get_wsgi_application()
