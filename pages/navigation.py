"""The main menu and the footer as plain data, read from the cache.

Every page shows both menus, so rendering them must cost no query: they are
built once (two queries) into a dict of label/URL pairs (a top-level item
with the items under it as its ``children``, and the site's own links)
kept in the shared cache, and every render is one cache read. A change to a menu, or to
anything a menu links to, deletes that entry (on commit) and bumps the
``navigation`` dependency every cached page carries, so every cached page
shows the new menu at once (and a CDN is purged by that surrogate key)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from taggit.models import Tag

from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Regulator
from pagecache.invalidation import invalidate_on_commit

from .models import Menu, MenuItem, Page

CACHE_KEY = "pages:navigation:v4"
LINKS = "_links"
BUILT_IN = "_built_in"
BUILT_IN_MAIN = [("Latest", "articles:home"), ("Topics", "articles:topics"), ("Officials", "entities:officials"),
                 ("Enterprises", "entities:enterprises"), ("Regulators", "entities:regulators")]
BUILT_IN_FOOTER = [("Corrections", "articles:corrections"), ("All topics", "articles:topics"),
                   ("Sitemap", "articles:sitemap-index"), ("Feeds", "articles:feed_index")]
DEPENDENCY = "navigation"
LINKED = (Page, Tag, Official, Enterprise, Regulator, AuthorProfile)
# Changes delete the copy at once; the lifetime only bounds how long one
# whose delete could not reach the cache (Redis was down) may last.
MENU_TIMEOUT = 300


def _build() -> dict[str, list]:
    menus: dict[str, list] = {place: [] for place in Menu.Place.values}
    # What the menus link to, so that saving anything else (a new tag while
    # an article is tagged) leaves the cached menus alone.
    menus[LINKS] = []
    items = (MenuItem.objects.select_related("menu", "page", "tag", "official", "enterprise", "regulator", "author")
             .order_by("menu__place", "order", "id"))
    # Top-level items first, so each child finds its parent's entry; a
    # child of an item not shown (a draft page) is not shown either.
    entries: dict[int, dict] = {}
    for item in sorted(items, key=lambda i: i.parent_id is not None):
        target = item.target()
        if target is not None and not isinstance(target, str):
            menus[LINKS].append(_identity(type(target), target.pk))
        if isinstance(target, Page):
            if target.status != Page.Status.PUBLISHED:
                continue  # a draft page is not linked before it runs
            url, name = target.get_absolute_url(), target.title
        elif isinstance(target, Tag):
            url, name = reverse("articles:topic", kwargs={"slug": target.slug}), target.name
        elif isinstance(target, str):
            url, name = target, ""
        elif target is not None:
            url, name = target.get_absolute_url(), str(target)
        else:
            continue
        entry = {"label": item.label or name, "url": url, "external": url.startswith(("http://", "https://")),
                 "children": []}
        if item.parent_id is None:
            entries[item.pk] = entry
            menus[item.menu.place].append(entry)
        elif item.parent_id in entries:
            entries[item.parent_id]["children"].append(entry)
    # The site's own links (the main menu's while editors have set none,
    # the footer's service links), resolved here once rather than on every
    # render; the archive's, which names the current year, is the template's.
    menus[BUILT_IN] = {
        "main": [{"label": label, "url": reverse(name)} for label, name in BUILT_IN_MAIN],
        "footer": [{"label": label, "url": reverse(name)} for label, name in BUILT_IN_FOOTER],
    }
    return menus


def menus() -> dict[str, list[dict[str, str]]]:
    """Both menus; one cache read when warm. A Redis that is down or slow is
    the cache backend's business (pagecache/redis.py: its breaker answers
    as an empty cache), so here it only means building them."""
    data = cache.get(CACHE_KEY)
    if data is None:
        data = _build()
        cache.set(CACHE_KEY, data, timeout=MENU_TIMEOUT)
    return data


def forget() -> None:
    cache.delete(CACHE_KEY)


def _identity(model: type, pk: object) -> str:
    return f"{model._meta.label_lower}:{pk}"


def _changed(sender, **kwargs) -> None:
    transaction.on_commit(forget)
    invalidate_on_commit({DEPENDENCY})


def _linked_changed(sender, instance, **kwargs) -> None:
    """A page, topic, person or organisation was saved: the menus change only
    if they link to it (read from the cached copy, no query)."""
    data = cache.get(CACHE_KEY)
    if data is not None and _identity(sender, instance.pk) not in data.get(LINKS, ()):
        return
    _changed(sender)


def connect_signals() -> None:
    """A derived copy goes stale: drop it when its sources change."""
    for model in (Menu, MenuItem, *LINKED):
        uid = f"pages_navigation_{model._meta.label}"
        handler = _changed if model in (Menu, MenuItem) else _linked_changed
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}_delete")
