"""Deploy check: the links in every email must be HTTPS.

RFC 8058 one-click unsubscribe requires the ``List-Unsubscribe`` URL to be
HTTPS (mail clients ignore an http one), and the preferences and
confirmation links carry signed tokens that must not travel in clear. Every
link in an email is built from SITE_URL (there is no request to take the
scheme from), so a production site on the http default would send links
that do not work. Runs under ``manage.py check --deploy`` (the production
start-up, with ``--fail-level WARNING``).
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_site_url_is_https(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.SITE_URL.startswith("https://"):
        return []
    return [checks.Warning(
        f"SITE_URL is {settings.SITE_URL!r}: the links in subscription emails (List-Unsubscribe, "
        "confirmation, preferences) would not be HTTPS.",
        hint="Set SITE_URL to the site's public https:// address (RFC 8058 needs an HTTPS unsubscribe URL).",
        id="subscriptions.W001",
    )]
