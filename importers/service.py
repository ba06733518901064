"""The one write path for imports: records in, articles upserted, summary out.

Each batch of records runs in one transaction. A batch in which nothing
fails is written with as few statements as possible; a batch in which
something fails is rolled back and redone with each record in its own
savepoint, so a record that fails leaves nothing half-written and the rest of
the batch still commits. Tags, entities and authors are looked up in
per-run dictionaries (one query each at start) instead of once per record;
what a failed record added to those dictionaries is taken out again, since
its rows were rolled back with its savepoint.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable
from itertools import islice
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from taggit.models import Tag

from articles import events
from articles.content import ROW_FIELDS, Kind
from articles.models import Article
from authors.models import AuthorProfile
from core.sanitize import sanitize_html
from core.slugs import unique_slug
from newsroom.mentions import suggest_mentions_bulk
from newsroom.workflow import record_import

from .body_images import localized_body
from .links import PendingLinks, add_assets, add_redirects, add_relations, sync_relations
from .matching import ENTITY_MODELS, ExistingIndex, Journal, free_slug
from .records import ArticleRecord, AuthorRef, Failed, Item, Skipped
from .summary import ImportSummary, ProgressCallback


def import_records(
    *,
    records: Iterable[Item],
    source: str,
    batch_size: int = 200,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """Upsert every record of ``records`` (see records.py), batch by batch.

    Matching: an article with the record's ``source_id``, else its
    ``source_url``, else its ``slug`` is updated (or left alone when nothing
    differs); otherwise a new article is created. Slugs of existing articles
    never change, so published URLs stay put.

    At the end, the articles created or changed are handed in one call to
    ``articles.events.public_content_changed`` (related lists, caches) and to
    ``newsroom.mentions.suggest_mentions_bulk``."""
    summary = ImportSummary(source=source)
    state = _RunState(summary)
    items = iter(records)
    while batch := list(islice(items, batch_size)):
        state.run_batch(batch)
        if progress:
            progress(summary)
    summary.finished = time.monotonic()
    _after_import(summary)
    return summary


def _after_import(summary: ImportSummary) -> None:
    ids = summary.created_ids + summary.updated_ids
    if not ids:
        return
    transaction.on_commit(lambda: events.public_content_changed(article_ids=ids, reason="import"))
    suggest_mentions_bulk(article_ids=ids)


# --- per-run state ------------------------------------------------------------


class RedoBatch(Exception):
    """Raised on the fast path for what only the careful path handles."""


class _RunState:
    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.journal = Journal()
        self.load_lookups()

    def load_lookups(self) -> None:
        self.tags: dict[str, int] = {name.lower(): pk for pk, name in Tag.objects.values_list("id", "name")}
        self.entities: dict[str, dict[str, int]] = {}
        for kind, model in ENTITY_MODELS.items():
            names: dict[str, int] = {}
            # Oldest first wins when two entities share a name or alias.
            for pk, search_names in model.objects.order_by("-id").values_list("id", "search_names"):
                for name in search_names.split("\n"):
                    if name:
                        names[name] = pk
            self.entities[kind] = names
        self.authors_by_name: dict[str, int] = {}
        self.authors_by_login: dict[str, int] = {}
        for pk, name, username in AuthorProfile.objects.order_by("-id").values_list(
            "id", "display_name", "user__username"
        ):
            self.authors_by_name[name.lower()] = pk
            if username:
                self.authors_by_login[username.lower()] = pk

    # --- batches ---------------------------------------------------------

    def run_batch(self, batch: list[Item]) -> None:
        """Import one batch in one transaction.

        Fast path: no savepoint per record, and new articles' links are
        written with one insert per table at the end of the batch. If
        anything in the batch fails, the whole batch is rolled back and run
        again carefully: each record in its own savepoint, so a failing
        record leaves nothing behind and the others are kept."""
        snapshot = self._snapshot()
        try:
            self._run_batch(batch, fast=True)
            return
        except Exception:
            self._restore(snapshot)
        try:
            self._run_batch(batch, fast=False)
        except Exception as exc:  # the batch itself could not commit
            self._restore(snapshot)
            self.summary.read += len(batch)
            self.summary.failed.extend(
                Failed(r.number, f"its batch could not be saved: {_describe(exc)}")
                for r in batch if isinstance(r, ArticleRecord)
            )

    def _run_batch(self, batch: list[Item], *, fast: bool) -> None:
        with transaction.atomic():
            n_created, n_updated = len(self.summary.created_ids), len(self.summary.updated_ids)
            index = ExistingIndex([r for r in batch if isinstance(r, ArticleRecord)])
            pending = PendingLinks() if fast else None
            for item in batch:
                self.summary.read += 1
                if isinstance(item, Skipped):
                    self.summary.skipped[item.reason] += 1
                elif isinstance(item, Failed):
                    self.summary.failed.append(item)
                else:
                    self.import_one(item, index, pending)
            if pending is not None:
                created, redirects, assets = pending.write()
                self.summary.created += len(created)
                self.summary.created_ids += [a.pk for a in created]
                self.summary.redirects += redirects
                self.summary.assets += assets
            record_import(created_ids=self.summary.created_ids[n_created:],
                          updated_ids=self.summary.updated_ids[n_updated:], source=self.summary.source)

    def _snapshot(self) -> tuple:
        s = self.summary
        return (s.read, s.created, s.updated, s.unchanged, len(s.created_ids), len(s.updated_ids), s.assets,
                s.redirects, len(s.failed), Counter(s.skipped), Counter(s.notes))

    def _restore(self, snapshot: tuple) -> None:
        s = self.summary
        (s.read, s.created, s.updated, s.unchanged, n_created, n_updated, s.assets, s.redirects, n_failed,
         s.skipped, s.notes) = snapshot
        del s.created_ids[n_created:], s.updated_ids[n_updated:], s.failed[n_failed:]
        self.journal.clear()
        self.load_lookups()  # rows the batch created were rolled back with it

    def import_one(self, record: ArticleRecord, index: ExistingIndex, pending: PendingLinks | None) -> None:
        if pending is not None:
            # Fast path: an error here aborts (and so redoes) the whole batch;
            # a new article is only queued, and counted once inserted.
            outcome, article = _upsert(record, index, self, pending=pending)
        else:
            try:
                with transaction.atomic():
                    outcome, article = _upsert(record, index, self, pending=None)
            except Exception as exc:
                self.journal.undo()
                self.summary.failed.append(Failed(record.number, _describe(exc)))
                return
        self.journal.clear()
        self.summary.notes.update(record.notes)
        if outcome == "created" and pending is None:
            self.summary.created += 1
            self.summary.created_ids.append(article.pk)
        elif outcome == "updated":
            self.summary.updated += 1
            self.summary.updated_ids.append(article.pk)
        elif outcome == "unchanged":
            self.summary.unchanged += 1

    # --- lookups (creating what is unknown) -------------------------------

    def tag_ids(self, names: list[str]) -> list[int]:
        ids = []
        for name in names:
            key = name.lower()
            if key not in self.tags:
                tag = Tag.objects.filter(name__iexact=name).first() or _create_tag(name)
                self.journal.add(self.tags, key, tag.pk)
            ids.append(self.tags[key])
        return ids

    def entity_ids(self, kind: str, names: list[str]) -> list[int]:
        lookup = self.entities[kind]
        ids = []
        for name in names:
            key = name.lower()
            if key not in lookup:
                entity = ENTITY_MODELS[kind].objects.create(name=name)
                for alias in entity.search_names.split("\n"):
                    if alias and alias not in lookup:
                        self.journal.add(lookup, alias, entity.pk)
            ids.append(lookup[key])
        return list(dict.fromkeys(ids))

    def author_ids(self, refs: list[AuthorRef]) -> list[int]:
        ids = []
        for ref in refs:
            pk = None
            if ref.login:
                pk = self.authors_by_login.get(ref.login.lower())
            if pk is None:
                pk = self.authors_by_name.get(ref.name.lower())
            if pk is None:
                pk = self.create_author(ref)
            ids.append(pk)
        return list(dict.fromkeys(ids))

    def create_author(self, ref: AuthorRef) -> int:
        """A byline's profile; a WordPress author also gets a user account
        that cannot log in until someone sets a password for it."""
        user = None
        if ref.login:
            User = get_user_model()
            username, n = ref.login[:140], 1
            while User.objects.filter(username__iexact=username).exists():
                n += 1
                username = f"{ref.login[:140]}-{n}"
            user = User(username=username, email=ref.email, first_name=ref.first_name[:150],
                        last_name=ref.last_name[:150])
            user.set_unusable_password()
            user.save()
        profile = AuthorProfile.objects.create(display_name=ref.name, user=user)
        self.journal.add(self.authors_by_name, ref.name.lower(), profile.pk)
        if ref.login:
            self.journal.add(self.authors_by_login, ref.login.lower(), profile.pk)
        return profile.pk


_URL_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _create_tag(name: str) -> Tag:
    tag = Tag(name=name)
    if not _URL_SLUG.fullmatch(tag.slugify(name)):
        # By default taggit keeps Chinese characters in slugs, which the
        # topic URL pattern (<slug:...>) cannot carry: use an ASCII one.
        tag.slug = unique_slug(tag, name, max_length=100)
    tag.save()
    return tag


def _describe(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


# --- the upsert itself ------------------------------------------------------


def _desired_fields(record: ArticleRecord) -> dict[str, Any]:
    """The row's content fields (the one list, by kind) and state, as the
    record gives them; relations are linked after the row is saved."""
    fields: dict[str, Any] = {}
    for spec in ROW_FIELDS:
        if not spec.export_key or spec.kind is Kind.SLUG:  # the slug is found free by _upsert
            continue
        value = getattr(record, spec.export_key)
        if spec.kind is Kind.RICH:
            value = sanitize_html(value)
        elif spec.kind is Kind.LINES:
            value = [line.strip() for line in value if line.strip()]
        fields[spec.name] = value
    return {**fields, "status": record.status, "published_at": record.published_at,
            "expires_at": record.expires_at}


def _upsert(
    record: ArticleRecord, index: ExistingIndex, state: _RunState, *, pending: PendingLinks | None
) -> tuple[str, Article]:
    fields = _desired_fields(record)
    tag_ids = state.tag_ids(record.tags)
    author_ids = state.author_ids(record.authors)
    entity_ids = {kind: state.entity_ids(kind, getattr(record, kind)) for kind in ENTITY_MODELS}
    article = index.find(record)
    if article is not None and article.pk is None:
        raise RedoBatch("the same article twice in one batch")  # queued, not inserted yet

    if article is None:
        article = Article(**fields, source_id=record.source_id or None, source_url=record.source_url)
        article.slug = free_slug(record.wanted_slug, index)
        index.remember(article, state.journal)
        if pending is not None:
            # ``fields`` already hold what save() derives (sanitized body,
            # trimmed highlights, slug); test_import_jsonl checks that a
            # save() after a bulk import changes nothing.
            pending.add(article, record, (tag_ids, author_ids, entity_ids))
            return "created", article
        article.save()
        add_relations(article, tag_ids, author_ids, entity_ids)
        outcome = "created"
    else:
        # Images already brought home stay home (importers/body_images.py).
        fields["body"] = localized_body(fields["body"], article.imported_assets.all())
        changed = [name for name, value in fields.items() if getattr(article, name) != value]
        # Provenance is only ever added, never erased by a record without it.
        for name in ("source_id", "source_url"):
            value = getattr(record, name)
            if value and getattr(article, name) != value:
                changed.append(name)
                fields[name] = value
        if changed:
            for name in changed:
                setattr(article, name, fields[name])
            article.version += 1
            article.save()
        relations_changed = sync_relations(article, tag_ids, author_ids, entity_ids)
        article._prefetched_objects_cache = {
            k: v for k, v in getattr(article, "_prefetched_objects_cache", {}).items()
            if k in ("redirects", "imported_assets")
        }
        outcome = "updated" if changed or relations_changed else "unchanged"

    fresh = outcome == "created"
    state.summary.redirects += add_redirects(article, record.redirects, fresh=fresh)
    state.summary.assets += add_assets(article, record, fresh=fresh)
    return outcome, article


