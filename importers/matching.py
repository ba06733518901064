"""Which existing article a record is: the articles a batch's records may
match, fetched in one query, free slugs for new ones, and the journal of
per-run dictionary entries a failed record's savepoint takes back."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Prefetch, Q

from articles.models import Article, ArticleAuthor, ArticleRedirect, TaggedArticle
from entities.models import Enterprise, Official, Regulator

from .models import ImportedAsset
from .records import ArticleRecord


class Journal:
    """Dictionary entries added while one record is imported, so they can be
    removed if that record's savepoint is rolled back."""

    def __init__(self) -> None:
        self.entries: list[tuple[Any, Any]] = []

    def add(self, container: Any, key: Any, value: Any = None) -> None:
        if isinstance(container, set):
            container.add(key)
        else:
            container[key] = value
        self.entries.append((container, key))

    def undo(self) -> None:
        for container, key in reversed(self.entries):
            container.discard(key) if isinstance(container, set) else container.pop(key, None)
        self.entries.clear()

    def clear(self) -> None:
        self.entries.clear()


ENTITY_MODELS: dict[str, type[models.Model]] = {
    "officials": Official,
    "enterprises": Enterprise,
    "regulators": Regulator,
}


class ExistingIndex:
    """The articles a batch's records may match, fetched in one query with
    the relations needed to tell "unchanged" from "updated"."""

    def __init__(self, records: list[ArticleRecord]) -> None:
        self.by: dict[str, dict[str, Article]] = {"source_id": {}, "source_url": {}, "slug": {}}
        self.taken_slugs: set[str] = set()
        keys: dict[str, set[str]] = {"source_id": set(), "source_url": set(), "slug": set()}
        for r in records:
            kind, value = r.match_key
            if value:
                keys[kind].add(value)
            keys["slug"].add(r.wanted_slug)
        query = Q(pk__in=[])
        for kind, values in keys.items():
            if values:
                query |= Q(**{f"{kind}__in": values})
        if query == Q(pk__in=[]):
            return
        # Only the ids of related rows: enough to compare, cheap to load.
        existing = Article.objects.filter(query).order_by("-id").prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.only("article_id", "author_id").order_by("order", "id")),
            Prefetch("tagged_items", queryset=TaggedArticle.objects.only("content_object_id", "tag_id")),
            *(Prefetch(kind, queryset=model.objects.only("id")) for kind, model in ENTITY_MODELS.items()),
            Prefetch("redirects", queryset=ArticleRedirect.objects.only("article_id", "old_path")),
            Prefetch("imported_assets", queryset=ImportedAsset.objects.only(
                "article_id", "kind", "source_url", "stored_name", "attempts")),
        )
        for article in existing:
            self.taken_slugs.add(article.slug)
            if article.source_id:
                self.by["source_id"][article.source_id] = article
            if article.source_url:
                self.by["source_url"][article.source_url] = article  # lowest id wins
            self.by["slug"][article.slug] = article

    def find(self, record: ArticleRecord) -> Article | None:
        kind, value = record.match_key
        return self.by[kind].get(value) if value else None

    def remember(self, article: Article, journal: Journal) -> None:
        """Make an article created in this batch findable by later records
        (and its slug unavailable to them)."""
        journal.add(self.taken_slugs, article.slug)
        for kind in ("source_id", "source_url", "slug"):
            value = getattr(article, kind)
            if value:
                journal.add(self.by[kind], value, article)


def free_slug(base: str, index: ExistingIndex) -> str:
    """``base`` if no article has it (the batch query fetched every article
    holding a slug the batch wants), else ``base-2``, ``base-3``…"""
    if base not in index.taken_slugs:
        return base
    n = 2
    while True:
        candidate = f"{base[:246]}-{n}"
        if candidate not in index.taken_slugs and not Article.objects.filter(slug=candidate).exists():
            return candidate
        n += 1
