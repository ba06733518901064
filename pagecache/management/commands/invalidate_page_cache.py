"""``manage.py invalidate_page_cache``: every cached page is stale from now on.

For when the content changed under the site without the services (bin/restore
runs it after putting a backup back). Pages are rendered afresh on their next
visit; with ``CDN_PURGE_URL`` set, the CDN is told to drop every page too.
Exits 1 when the cache or the CDN could not be reached, so a script notices.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pagecache.dependencies import LISTS, SITE
from pagecache.invalidation import CDNPurgeError, invalidate_everything


class Command(BaseCommand):
    help = "Make every cached page stale (here and at the CDN)."

    def handle(self, *args, **options) -> None:
        try:
            reached = invalidate_everything(keys={SITE, LISTS})
        except CDNPurgeError as exc:
            raise CommandError(f"page cache invalidated, but the CDN purge failed: {exc}") from exc
        if not reached:
            raise CommandError("the cache could not be reached: pages cached before now may still be served "
                               "when it comes back; run this command again then")
        where = " and at the CDN" if getattr(settings, "PAGE_CACHE_CDN_PURGE_URL", "") else ""
        self.stdout.write(f"every cached page invalidated{where}")
