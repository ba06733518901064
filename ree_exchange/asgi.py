"""ASGI entry point; production settings by default, as for WSGI."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ree_exchange.settings.prod")

application = get_asgi_application()
