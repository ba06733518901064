"""The rest of a WordPress site after its posts (wordpress.py): pages with
their hierarchy, menus, and the old category, tag and author addresses.

Categories become topics (tags), as WordPress posts' categories already do
in ``WxrSource``: this site has no sections model, and a WordPress category
is what a reader follows as a topic, so ``/category/<nicename>/`` (and
``/tag/<slug>/``) 301 to ``/topics/<slug>/``. Authors' ``/author/<login>/``
301 to their profile. Pages keep their old URL as a redirect when it
differs from the new one. Everything is matched by WordPress id, so a
re-run updates rather than duplicates, and the report says what was
created, updated, left unchanged or skipped, and why.
"""

from __future__ import annotations

import copy
import html
import os
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article
from authors.models import AuthorProfile
from core.sanitize import html_to_text, sanitize_html
from pages.models import Menu, MenuItem, Page, Redirect
from pages.services import page_save

from .wordpress import WxrSource, _Fields, _text, autop, short_name, untitled_title

PAGE_STATUS = {"publish": Page.Status.PUBLISHED, "draft": Page.Status.DRAFT, "pending": Page.Status.REVIEW,
               "future": Page.Status.DRAFT}
SKIPPED_PAGE_STATUS = {"private": "private page", "trash": "trashed page", "auto-draft": "auto-draft",
                       "inherit": "revision"}
FOOTER_WORDS = ("footer", "bottom")


@dataclass
class SiteReport:
    counts: Counter = field(default_factory=Counter)  # "pages created", "menu items updated", ...
    skipped: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def report_lines(self) -> list[str]:
        lines = ["WordPress site: pages, menus and old addresses"]
        lines += [f"  {what}: {n:,}" for what, n in sorted(self.counts.items())]
        if self.skipped:
            lines.append("  skipped:")
            lines += [f"    {why}: {n:,}" for why, n in sorted(self.skipped.items())]
        if self.notes:
            lines.append("  for an editor:")
            lines += [f"    {note}" for note in self.notes]
        return lines


def term_name(name: str) -> str:
    """A category or tag name as the posts' import stored it (unescaped)."""
    return " ".join(html.unescape(name).split())


def _path(url: str) -> str:
    path = unquote(urlsplit(url).path) if url else ""
    return path if path.startswith("/") else ""


class _Site:
    def __init__(self, source: WxrSource) -> None:
        self.source = source
        self.report = SiteReport()
        self.base = ""
        self.categories: dict[str, tuple[str, str, str]] = {}  # term id or nicename -> (nicename, name, parent)
        self.tags: dict[str, tuple[str, str]] = {}
        self.pages: list[_Fields] = []
        self.menu_items: list[_Fields] = []
        self.author_logins: list[str] = []

    def read(self) -> None:
        try:
            self._read()
        except (ParseError, defusedxml.DefusedXmlException) as exc:
            # Reported at its item by the posts' import; keep what came before.
            self.report.notes.append(f"the file breaks ({exc}): pages and menus after that point were not read")
            self.base = self.base or os.path.basename(self.source.path)

    def _read(self) -> None:
        site_url = link = ""
        for name, elem in self.source._walk():
            if name == "wp:base_site_url" and not site_url:
                site_url = (elem.text or "").strip().rstrip("/")
            elif name == "link" and not link:
                link = (elem.text or "").strip().rstrip("/")
            elif name == "wp:category":
                f = _Fields(elem)
                entry = (_text(f, "wp:category_nicename"), _text(f, "wp:cat_name"), _text(f, "wp:category_parent"))
                for key in (_text(f, "wp:term_id"), entry[0]):
                    if key:
                        self.categories[key] = entry
            elif name == "wp:tag":
                f = _Fields(elem)
                entry = (_text(f, "wp:tag_slug"), _text(f, "wp:tag_name"))
                for key in (_text(f, "wp:term_id"), entry[0]):
                    if key:
                        self.tags[key] = entry
            elif name == "wp:author":
                login = _text(_Fields(elem), "wp:author_login")
                if login:
                    self.author_logins.append(login)
            elif name == "item":
                f = _Fields(copy.deepcopy(elem))  # a copy: the walk clears finished items
                kind = _text(f, "wp:post_type")
                if kind == "page":
                    self.pages.append(f)
                elif kind == "nav_menu_item":
                    self.menu_items.append(f)
        # The same identity WxrSource gives the posts' source ids.
        self.base = site_url or link or os.path.basename(self.source.path)

    # --- pages --------------------------------------------------------------

    def import_pages(self) -> dict[str, Page]:
        by_id = {_text(f, "wp:post_id"): f for f in self.pages}
        done: dict[str, Page] = {}

        def place(post_id: str, trail: tuple[str, ...] = ()) -> Page | None:
            if post_id in done:
                return done[post_id]
            f = by_id.get(post_id)
            if f is None or post_id in trail:
                return None
            status = _text(f, "wp:status") or "publish"
            if status in SKIPPED_PAGE_STATUS:
                self.report.skipped[SKIPPED_PAGE_STATUS[status]] += 1
                return None
            parent_id = _text(f, "wp:post_parent")
            parent = place(parent_id, (*trail, post_id)) if parent_id and parent_id != "0" else None
            page = self._upsert_page(f, post_id, status, parent)
            done[post_id] = page
            return page

        for post_id in by_id:
            place(post_id)
        return done

    def _upsert_page(self, f: _Fields, post_id: str, wp_status: str, parent: Page | None) -> Page:
        source_id = f"wxr:{self.base}:page:{post_id}"
        body = sanitize_html(autop(_text(f, "content:encoded")))  # as saved, so a re-run compares like with like
        title = " ".join(_text(f, "title").split())
        if not title:
            title = untitled_title(body, _text(f, "wp:post_date"), post_id, "page")
            self.report.notes.append(f"page {post_id} had no title; titled “{title}”")
        status = PAGE_STATUS.get(wp_status, Page.Status.DRAFT)
        if _text(f, "wp:post_password") and status == Page.Status.PUBLISHED:
            status = Page.Status.DRAFT
            self.report.notes.append(f"page {post_id} “{title}” was password-protected: imported as a draft")
        slug = slugify(unquote(_text(f, "wp:post_name")), allow_unicode=True) or slugify(title, allow_unicode=True)
        slug = (slug or f"page-{post_id}")[:100]
        page = Page.objects.filter(source_id=source_id).first()
        creating = page is None
        if creating:
            page = Page(source_id=source_id, slug=self._free_slug(slug, parent))
        wanted = {"title": title[:200], "body": body, "standfirst": html_to_text(_text(f, "excerpt:encoded")),
                  "parent": parent}
        changed = [k for k, v in wanted.items() if getattr(page, k) != v]
        for k, v in wanted.items():
            setattr(page, k, v)
        if creating or changed or page.status != status:
            page_save(page=page, user=None, changed=changed, action="imported", status=status,
                      comment=f"Imported from WordPress page {post_id}")
            self.report.counts["pages created" if creating else "pages updated"] += 1
        else:
            self.report.counts["pages unchanged"] += 1
        old = _path(_text(f, "link"))
        if old and old != "/" and old.rstrip("/") + "/" != page.get_absolute_url():
            self._redirect(old.rstrip("/") + "/", page=page)
        return page

    def _free_slug(self, slug: str, parent: Page | None) -> str:
        """The slug, unless it would hide one of the site's own addresses or a
        sibling's (then with a suffix)."""
        for n in range(1, 1000):
            candidate = slug if n == 1 else f"{slug[:90]}-page" if n == 2 else f"{slug[:90]}-{n}"
            path = f"{parent.path}/{candidate}" if parent else candidate
            try:
                taken = resolve(f"/{path}/").view_name != "pages:detail"
            except Resolver404:
                taken = False
            if not taken and not Page.objects.filter(parent=parent, slug=candidate).exists():
                if candidate != slug:
                    self.report.notes.append(f"page slug “{slug}” was taken here: the page is at /{path}/")
                return candidate
        raise ValueError(f"no free slug for {slug!r}")

    def _redirect(self, old_path: str, *, page: Page | None = None, target: str = "") -> None:
        if len(old_path) > 500:
            return
        try:
            match = resolve(old_path)
        except Resolver404:
            match = None
        if match is not None and match.view_name != "pages:detail":
            self.report.notes.append(f"old URL {old_path} is one of this site's own addresses now: not redirected")
            return
        _, created = Redirect.objects.update_or_create(
            old_path=old_path, defaults={"page": page, "target": target, "source": "wordpress"})
        self.report.counts["old URLs redirecting (created)" if created else "old URLs redirecting (kept)"] += 1

    # --- categories, tags, authors ----------------------------------------

    def redirect_terms(self) -> None:
        def chain(nicename: str) -> str:
            parts, seen = [], set()
            while nicename and nicename not in seen:
                seen.add(nicename)
                parts.insert(0, nicename)
                entry = self.categories.get(nicename)
                nicename = entry[2] if entry else ""
            return "/".join(parts)

        for nicename, name, _parent in {v for v in self.categories.values()}:
            tag = Tag.objects.filter(name=term_name(name)).first() if name else None
            if tag is None:
                self.report.skipped["category on no imported post (no topic to send its URL to)"] += 1
                continue
            self._redirect(f"/category/{unquote(chain(nicename))}/", target=f"/topics/{tag.slug}/")
        for slug, name in {v for v in self.tags.values()}:
            tag = Tag.objects.filter(name=term_name(name)).first() if name else None
            if tag is None:
                self.report.skipped["tag on no imported post"] += 1
                continue
            self._redirect(f"/tag/{unquote(slug)}/", target=f"/topics/{tag.slug}/")
        for login in self.author_logins:
            profile = AuthorProfile.objects.filter(user__username__iexact=login).first()
            if profile is None:
                self.report.skipped["author with no imported post"] += 1
                continue
            self._redirect(f"/author/{slugify(login)}/", target=profile.get_absolute_url())

    # --- menus --------------------------------------------------------------

    def import_menus(self, pages: dict[str, Page]) -> None:
        places: dict[str, str] = {}
        for f in sorted(self.menu_items, key=lambda f: int(_text(f, "wp:menu_order") or 0)):
            menu_name = next((c.get("nicename") or (c.text or "") for c in f.elem
                              if short_name(c.tag) == "category" and c.get("domain") == "nav_menu"), "")
            if menu_name not in places:
                footer = any(w in menu_name.lower() for w in FOOTER_WORDS)
                place = Menu.Place.FOOTER if footer else Menu.Place.MAIN
                if place in places.values():
                    self.report.skipped[f"menu “{menu_name}” (its place is taken by another menu)"] += 1
                    places[menu_name] = ""
                    continue
                places[menu_name] = place
            place = places[menu_name]
            if not place:
                continue
            self._menu_item(f, Menu.objects.get_or_create(place=place)[0], pages)
        self._nest_menu_items()

    def _nest_menu_items(self) -> None:
        """WordPress's nesting, one level deep as menus are here: an item
        under another sits under it; one deeper sits under its top-level
        ancestor (and the report says so)."""
        prefix = f"wxr:{self.base}:menu:"
        items = {i.source_id[len(prefix):]: i for i in MenuItem.objects.filter(source_id__startswith=prefix)}
        wp_parent = {}
        for f in self.menu_items:
            meta = {_text(m, "wp:meta_key"): _text(m, "wp:meta_value") for m in f.elem
                    if short_name(m.tag) == "wp:postmeta"}
            wp_parent[_text(f, "wp:post_id")] = meta.get("_menu_item_menu_item_parent", "0") or "0"
        for post_id, item in items.items():
            parent_id, seen = wp_parent.get(post_id, "0"), {post_id}
            while wp_parent.get(parent_id, "0") != "0" and parent_id not in seen:
                seen.add(parent_id)
                parent_id = wp_parent[parent_id]
            if len(seen) > 1:
                self.report.notes.append(f"menu item {post_id} was nested deeper in WordPress; "
                                         "it is under its top-level item")
            parent = items.get(parent_id)
            if parent_id != "0" and (parent is None or parent.menu_id != item.menu_id):
                self.report.skipped["menu item nested under one not imported (shown at the top level)"] += 1
                parent = None
            if item.parent_id != (parent.pk if parent else None):
                item.parent = parent
                item.save(update_fields=["parent"])  # signals: the cached menus are dropped
                self.report.counts["menu items nested" if parent else "menu items moved to the top level"] += 1

    def _menu_item(self, f: _Fields, menu: Menu, pages: dict[str, Page]) -> None:
        meta = {_text(m, "wp:meta_key"): _text(m, "wp:meta_value") for m in f.elem if short_name(m.tag) == "wp:postmeta"}
        post_id = _text(f, "wp:post_id")
        kind, obj, obj_id = meta.get("_menu_item_type"), meta.get("_menu_item_object"), meta.get("_menu_item_object_id", "")
        fields: dict = {"label": " ".join(_text(f, "title").split())[:80], "order": int(_text(f, "wp:menu_order") or 0)}
        if kind == "post_type" and obj == "page":
            if obj_id not in pages:
                self.report.skipped["menu item to a page not imported (not in the export, or private)"] += 1
                return
            fields["page"] = pages[obj_id]
        elif kind == "post_type" and obj == "post":
            article = Article.objects.filter(source_id=f"wxr:{self.base}:{obj_id}").only("slug", "title").first()
            if article is None:
                self.report.skipped["menu item to a post that was not imported"] += 1
                return
            fields["url"] = article.get_absolute_url()
            fields["label"] = fields["label"] or article.title[:80]
        elif kind == "taxonomy" and obj in ("category", "post_tag"):
            entry = (self.categories if obj == "category" else self.tags).get(obj_id)
            tag = Tag.objects.filter(name=term_name(entry[1])).first() if entry else None
            if tag is None:
                self.report.skipped["menu item to a category or tag no post uses"] += 1
                return
            fields["tag"] = tag
        elif kind == "custom" and meta.get("_menu_item_url"):
            url = meta["_menu_item_url"]
            if self.base and url.startswith(self.base):
                url = url[len(self.base):] or "/"
            if not url.startswith(("/", "http://", "https://")):
                self.report.skipped["menu item with an unsupported URL"] += 1
                return
            fields["url"] = url[:500]
            fields["label"] = fields["label"] or url[:80]
        else:
            self.report.skipped[f"menu item to {obj or kind or 'nothing'}"] += 1
            return
        empty = {"page": None, "tag": None, "official": None, "enterprise": None, "regulator": None, "author": None,
                 "url": ""}
        wanted = {**empty, **fields, "menu": menu}
        item = MenuItem.objects.filter(source_id=f"wxr:{self.base}:menu:{post_id}").first()
        if item is not None and all(getattr(item, k) == v for k, v in wanted.items()):
            self.report.counts["menu items unchanged"] += 1
            return
        _, created = MenuItem.objects.update_or_create(source_id=f"wxr:{self.base}:menu:{post_id}", defaults=wanted)
        self.report.counts["menu items created" if created else "menu items updated"] += 1


def import_wordpress_site(*, source: WxrSource) -> SiteReport:
    """Pages, menus and old addresses from ``source`` (after its posts were
    imported by ``import_records``), in one transaction."""
    site = _Site(source)
    site.read()
    with transaction.atomic():
        pages = site.import_pages()
        site.redirect_terms()
        site.import_menus(pages)
    return site.report
