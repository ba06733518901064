"""The demo's own pages (About, the masthead, policies) and its footer menu,
from demo/data/pages.json, through the pages services; idempotent."""

from __future__ import annotations

import json
from pathlib import Path

from authors.models import AuthorProfile
from pages.models import MastheadEntry, Menu, MenuItem, Page
from pages.services import page_save

FIELDS = ("title", "standfirst", "body", "lists_staff")


def load_pages(directory: Path, user) -> dict[str, int]:
    data = json.loads((directory / "pages.json").read_text(encoding="utf-8"))
    counts = {"pages": 0, "masthead entries": 0, "menu items": 0}
    by_slug: dict[str, Page] = {}
    for row in data["pages"]:
        parent = by_slug.get(row.get("parent", ""))
        page = Page.objects.filter(parent=parent, slug=row["slug"]).first() or Page(slug=row["slug"], parent=parent)
        wanted = {name: row.get(name, False if name == "lists_staff" else "") for name in FIELDS}
        changed = [name for name, value in wanted.items() if getattr(page, name) != value]
        for name, value in wanted.items():
            setattr(page, name, value)
        if page.pk is None or changed or page.status != Page.Status.PUBLISHED:
            counts["pages"] += 1
            page = page_save(page=page, user=user, changed=changed, status=Page.Status.PUBLISHED)
        by_slug[row["slug"]] = page
    for order, slug in enumerate(data["masthead"], start=1):
        author = AuthorProfile.objects.filter(slug=slug).first()
        if author is not None:
            _, created = MastheadEntry.objects.update_or_create(author=author, defaults={"order": order})
            counts["masthead entries"] += created
    footer, _ = Menu.objects.get_or_create(place=Menu.Place.FOOTER)
    for order, path in enumerate(data["footer"], start=1):
        page = Page.objects.filter(path=path).first()
        if page is not None:
            _, created = MenuItem.objects.update_or_create(menu=footer, page=page, defaults={"order": order})
            counts["menu items"] += created
    return counts
