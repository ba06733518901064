"""``manage.py load_demo``: fill the site with a realistic, idempotent demo.

Loads the regulators, enterprises, officials (with their positions), accounts,
authors, articles (through the JSONL importer), corrections, pages and
email followers in ``demo/data/``, and draws the images they need with Pillow. Running it again
creates nothing new; see ``demo/loader.py``.

The accounts (``editor``, ``writer`` and the administrator ``admin``) get the
password from the ``DEMO_PASSWORD`` environment variable, or a documented
default.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from articles.events import public_content_changed
from articles.models import Article
from demo.loader import DemoDataError, DemoLoader, read_data
from demo.site_pages import load_pages
from demo.subscribers import load_subscribers
from entities.models import Enterprise, Position, Regulator
from pages.models import MastheadEntry, Page
from subscriptions.models import Subscriber

DEFAULT_PASSWORD = "ree-demo-password-2026"  # noqa: S105 - a documented local demo password


def account_line(account: dict[str, Any], password: str) -> str:
    role = "administrator" if account["superuser"] else f"group {account['group']}"
    line = f"  {account['username']:<8} {role:<15} password {password}"
    return line + ("  (manages staff accounts and groups)" if account["superuser"] else "")


class Command(BaseCommand):
    help = "Load (or refresh) the demo newsroom content: entities, accounts, authors, articles and images."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"] or options.get("verbosity", 1) == 0
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        data = read_data()
        loader = DemoLoader(now=timezone.now(), password=password, data=data)
        try:
            with transaction.atomic():
                result = loader.run()
                site_pages = load_pages(data.directory, None)
                followers = load_subscribers(data.directory, now=loader.now)
                # The importer announces the articles it created or changed;
                # the rest (a redrawn image, a new caption) are announced here.
                article_ids = sorted({a.pk for a in result["articles"].values()} - set(loader.imported_ids))
                transaction.on_commit(
                    lambda: public_content_changed(article_ids=article_ids, reason="demo content loaded")
                )
        except DemoDataError as exc:
            raise CommandError(f"The demo data did not load (nothing was changed):\n{exc}") from None
        if quiet:
            return

        statuses = Counter(a.status for a in result["articles"].values())
        visible = Article.objects.published().filter(slug__in=result["articles"]).count()
        created = sum(loader.created.values())
        official_slugs = [o["slug"] for o in data.officials]
        lines = [
            "Demo content loaded:",
            f"  regulators   {Regulator.objects.filter(slug__in=[r['slug'] for r in data.regulators]).count()}",
            f"  enterprises  {Enterprise.objects.filter(slug__in=[e['slug'] for e in data.enterprises]).count()}",
            f"  officials    {len(data.officials)} "
            f"({Position.objects.filter(official__slug__in=official_slugs).count()} positions)",
            f"  authors      {len(data.authors)}",
            f"  tags         {len(data.tags)}",
            f"  articles     {len(result['articles'])} ("
            + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
            + f"; {visible} publicly visible)",
            f"  corrections  {len(data.corrections)}",
            f"  pages        {Page.objects.published().count()} (footer menu, masthead of "
            f"{MastheadEntry.objects.count()}; this run changed {site_pages['pages']})",
            f"  followers    {Subscriber.objects.filter(email__in=followers['emails']).count()} by email "
            f"({followers['follows']} follows new this run)",
            f"  this run: {created} new records, {loader.images_drawn} images drawn"
            + (" (" + ", ".join(f"{n} {k}" for k, n in sorted(loader.created.items())) + ")" if created else ""),
            "",
            "Demo accounts (admin at /admin/):",
        ]
        lines += [account_line(account, password) for account in result["accounts"]]
        self.stdout.write("\n".join(lines))
