"""Loads ``demo/data/`` into the database, idempotently.

Articles go through the project's own importer (the JSONL reader and the
service ``import_articles`` uses), so the demo exercises the same path as a
real archive move. What the JSONL format does not carry (entities with their
profiles and positions, author profiles, accounts, corrections, the drawn
images) is read from the JSON files next to it; see ``demo/data/README.md``.

Running it again converges on the same state and creates nothing new: every
record is matched on its slug (accounts on their username), a row is saved
only when something in it differs, and an image is drawn only when the record
has none (or its file has gone missing from storage). Article dates are
re-anchored to the current hour, so the front page always has a story from
the last day and the scheduled story stays in the future; a re-run within the
same hour changes nothing at all.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Correction
from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Position, Regulator
from images.models import LibraryImage
from importers.jsonl import JsonlSource
from importers.records import ArticleRecord, Item
from importers.service import import_records

from . import images

DATA_DIR = Path(__file__).resolve().parent / "data"
IMAGE_CREDIT = "REE Exchange graphic"


class DemoDataError(Exception):
    """The demo data does not load cleanly (a bad line, an unknown name)."""


@dataclass(frozen=True)
class DemoData:
    """The content of ``demo/data/``, parsed."""

    directory: Path
    regulators: list[dict[str, Any]]
    enterprises: list[dict[str, Any]]
    officials: list[dict[str, Any]]
    accounts: list[dict[str, Any]]
    authors: list[dict[str, Any]]
    articles: list[dict[str, Any]]  # the JSONL lines as objects
    corrections: list[dict[str, Any]]

    @property
    def articles_path(self) -> Path:
        return self.directory / "articles.jsonl"

    @property
    def tags(self) -> list[str]:
        """Every tag the articles use, once (case-insensitively), first
        spelling kept, as the importer creates them."""
        seen: dict[str, str] = {}
        for row in self.articles:
            for name in row["tags"]:
                seen.setdefault(name.lower(), name)
        return list(seen.values())


def read_data(directory: Path = DATA_DIR) -> DemoData:
    def load(name: str) -> list[dict[str, Any]]:
        return json.loads((directory / name).read_text(encoding="utf-8"))

    lines = (directory / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return DemoData(
        directory=directory,
        regulators=load("regulators.json"),
        enterprises=load("enterprises.json"),
        officials=load("officials.json"),
        accounts=load("accounts.json"),
        authors=load("authors.json"),
        articles=[json.loads(line) for line in lines if line.strip()],
        corrections=load("corrections.json"),
    )


def _parse_date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _file_missing(field_file: Any) -> bool:
    """True when the image field is empty or its stored file has vanished."""
    return not field_file or not default_storage.exists(field_file.name)


def _renditions_missing(renditions: dict | None) -> bool:
    return not renditions or any(not default_storage.exists(info["name"]) for info in renditions.values())


def upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[Any, bool]:
    """Fetch the row matching ``lookup`` (or start a new one), set ``values``
    and, if it is new or anything differs, save it through the model's own
    ``save()`` so derived fields (search names, renditions) are recomputed.
    Returns (obj, created)."""
    obj = model._default_manager.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = created
    for field, value in values.items():
        if created or getattr(obj, field) != value:
            setattr(obj, field, value)
            changed = True
    if changed:
        obj.save()
    return obj, created


class DemoLoader:
    """Loads a ``DemoData`` into the database; counts what it created."""

    def __init__(self, *, now: datetime.datetime, password: str, data: DemoData | None = None) -> None:
        self.now = now
        # Relative dates count from the start of the hour, so a re-run in the
        # same hour leaves every article as it was (no new version, no audit).
        self.anchor = now.replace(minute=0, second=0, microsecond=0)
        self.password = password
        self.data = data or read_data()
        self.created: Counter[str] = Counter()
        self.images_drawn = 0
        # Articles the importer created or changed: it announces those itself.
        self.imported_ids: list[int] = []

    def _note(self, kind: str, created: bool) -> None:
        self._add(kind, int(created))

    def _add(self, kind: str, count: int) -> None:
        if count > 0:
            self.created[kind] += count

    # -- entities ----------------------------------------------------------

    def load_regulators(self) -> dict[str, Regulator]:
        regulators: dict[str, Regulator] = {}
        for data in self.data.regulators:
            values = {k: data[k] for k in (
                "name", "native_name", "acronym", "aliases", "level", "jurisdiction",
                "responsibilities", "website", "same_as",
            )}
            values["parent"] = regulators[data["parent"]] if data["parent"] else None
            obj, created = upsert(Regulator, {"slug": data["slug"]}, values)
            self._note("regulators", created)
            regulators[obj.slug] = obj
        return regulators

    def load_enterprises(self, regulators: dict[str, Regulator]) -> dict[str, Enterprise]:
        enterprises: dict[str, Enterprise] = {}
        for data in self.data.enterprises:
            values = {k: data[k] for k in (
                "name", "native_name", "aliases", "ownership", "tickers", "website",
                "headquarters", "description", "same_as",
            )}
            values["parent"] = enterprises[data["parent"]] if data["parent"] else None
            values["regulator"] = regulators[data["regulator"]] if data["regulator"] else None
            obj, created = upsert(Enterprise, {"slug": data["slug"]}, values)
            self._note("enterprises", created)
            enterprises[obj.slug] = obj
        return enterprises

    def load_officials(self, regulators: dict[str, Regulator], enterprises: dict[str, Enterprise]) -> None:
        for data in self.data.officials:
            initials = images.initials_of(data["name"])
            values = {k: data[k] for k in ("name", "native_name", "aliases", "born", "bio", "same_as")}
            values["photo_alt"] = images.portrait_alt(initials, data["slug"])
            obj, created = upsert(Official, {"slug": data["slug"]}, values)
            self._note("officials", created)
            if _file_missing(obj.photo) or _renditions_missing(obj.photo_renditions):
                if _file_missing(obj.photo):
                    png = images.portrait_png(initials, data["slug"])
                    obj.photo.save(f"{data['slug']}.png", ContentFile(png), save=False)
                    self.images_drawn += 1
                obj.photo_renditions = {}
                obj.save()
            self._load_positions(obj, data["positions"], regulators, enterprises)

    def _load_positions(
        self,
        official: Official,
        positions: list[dict[str, Any]],
        regulators: dict[str, Regulator],
        enterprises: dict[str, Enterprise],
    ) -> None:
        """Make the official's positions exactly the declared ones, matched on
        title and organisation."""
        keep: list[int] = []
        for data in positions:
            lookup = {
                "official": official,
                "title": data["title"],
                "enterprise": enterprises[data["enterprise"]] if data.get("enterprise") else None,
                "regulator": regulators[data["regulator"]] if data.get("regulator") else None,
                "organisation_name": data.get("organisation_name", ""),
            }
            values = {
                "start_date": _parse_date(data.get("start_date")),
                "end_date": _parse_date(data.get("end_date")),
                "is_primary": data.get("is_primary", False),
            }
            position, created = upsert(Position, lookup, values)
            self._note("positions", created)
            keep.append(position.pk)
        official.positions.exclude(pk__in=keep).delete()

    # -- people who write, and who run the site ----------------------------

    def load_accounts(self) -> dict[str, Any]:
        """The demo's staff accounts, all with the demo password."""
        User = get_user_model()
        users: dict[str, Any] = {}
        for data in self.data.accounts:
            user, created = upsert(User, {"username": data["username"]}, {
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "email": data["email"],
                "is_staff": True,
                "is_active": True,
                "is_superuser": data["superuser"],
            })
            self._note("users", created)
            # check_password on a new row would hash once for nothing (Django
            # evens out timing); each hash costs about a second under PBKDF2.
            if created or not user.check_password(self.password):
                user.set_password(self.password)
                user.save(update_fields=["password"])
            if data["group"]:
                group, created = Group.objects.get_or_create(name=data["group"])
                self._note("groups", created)
                user.groups.add(group)
            users[user.username] = user
        return users

    def load_authors(self, users: dict[str, Any]) -> dict[str, AuthorProfile]:
        profiles: dict[str, AuthorProfile] = {}
        for data in self.data.authors:
            values = {k: data[k] for k in ("display_name", "role", "bio", "email_public")}
            values["user"] = users[data["account"]] if data["account"] else None
            profile, created = upsert(AuthorProfile, {"slug": data["slug"]}, values)
            self._note("authors", created)
            profiles[profile.slug] = profile
        return profiles

    # -- articles ------------------------------------------------------------

    def published_at(self, row: dict[str, Any]) -> datetime.datetime | None:
        """The file's date for a story pegged to an event (unless it lies in
        this clock's future), otherwise ``age_hours`` before the current hour."""
        demo = row.get("demo", {})
        fixed = datetime.datetime.fromisoformat(row["published_at"]) if row.get("published_at") else None
        if fixed and demo.get("pegged_to_date") and fixed <= self.now:
            return fixed
        if "age_hours" in demo:
            return self.anchor - datetime.timedelta(hours=demo["age_hours"])
        return fixed

    def _records(self) -> Iterator[Item]:
        """The importer's own reading of articles.jsonl, with every date
        re-anchored to now."""
        dates = {row["slug"]: self.published_at(row) for row in self.data.articles}
        for item in JsonlSource(self.data.articles_path):
            if isinstance(item, ArticleRecord):
                item.published_at = dates[item.slug]
            yield item

    def load_articles(self) -> dict[str, Article]:
        before = Tag.objects.count(), ArticleAuthor.objects.count()
        summary = import_records(records=self._records(), source="demo/data/articles.jsonl")
        if summary.failed:
            raise DemoDataError("\n".join(summary.report_lines("line")))
        self.imported_ids = summary.created_ids + summary.updated_ids
        self._add("articles", summary.created)
        self._add("tags", Tag.objects.count() - before[0])
        self._add("bylines", ArticleAuthor.objects.count() - before[1])
        self._check_no_entity_invented()

        slugs = [row["slug"] for row in self.data.articles]
        articles = Article.objects.prefetch_related("bylines__author__user").in_bulk(slugs, field_name="slug")
        for row in self.data.articles:
            article = articles[row["slug"]]
            demo = row.get("demo", {})
            label = demo["image_label"]
            creator = next((b.author.user for b in article.bylines.all() if b.author.user_id), None)
            changed = article.created_by != creator
            article.created_by = creator
            picture = self._featured_image(article, label, demo.get("image_caption", ""), creator)
            if article.featured_image_id != picture.pk:
                article.featured_image = picture
                changed = True
            if changed:
                article.save()
        return articles

    def _featured_image(self, article: Article, label: str, caption: str, creator) -> LibraryImage:
        """The article's picture in the image library: drawn once, described,
        and drawn again only if its file or renditions have gone."""
        picture = article.featured_image or LibraryImage(uploaded_by=creator)
        values = {"alt_text": images.featured_image_alt(label, article.slug), "caption": caption,
                  "credit": IMAGE_CREDIT}
        changed = [name for name, value in values.items() if getattr(picture, name) != value]
        for name in changed:
            setattr(picture, name, values[name])
        if _file_missing(picture.file) or _renditions_missing(picture.renditions):
            if _file_missing(picture.file):
                png = images.featured_image_png(label, article.slug)
                picture.file.save(f"{article.slug}.png", ContentFile(png), save=False)
                self.images_drawn += 1
            picture.renditions = {}
            changed.append("file")
        if changed or picture.pk is None:
            picture.save()
        return picture

    def _check_no_entity_invented(self) -> None:
        """The importer creates an entity for a name it does not know; in the
        demo that is a typo in articles.jsonl, not a new organisation."""
        declared = {
            Regulator: {r["slug"] for r in self.data.regulators},
            Enterprise: {e["slug"] for e in self.data.enterprises},
            Official: {o["slug"] for o in self.data.officials},
        }
        for model, slugs in declared.items():
            extra = list(model.objects.exclude(slug__in=slugs).filter(articles__slug__in=[
                row["slug"] for row in self.data.articles
            ]).values_list("name", flat=True).distinct())
            if extra:
                raise DemoDataError(
                    f"articles.jsonl names {model._meta.verbose_name_plural} not in the demo data: {', '.join(extra)}"
                )

    def load_corrections(self, articles: dict[str, Article]) -> None:
        for data in self.data.corrections:
            article = articles[data["article"]]
            base = article.published_at or self.now
            _, created = upsert(Correction, {"article": article, "kind": data["kind"]}, {
                "text": data["text"],
                "created_at": base + datetime.timedelta(hours=data["hours_after_publication"]),
                "created_by": article.created_by,
            })
            self._note("corrections", created)

    def run(self) -> dict[str, Any]:
        regulators = self.load_regulators()
        enterprises = self.load_enterprises(regulators)
        self.load_officials(regulators, enterprises)
        users = self.load_accounts()
        self.load_authors(users)
        articles = self.load_articles()
        self.load_corrections(articles)
        return {"articles": articles, "accounts": self.data.accounts}
