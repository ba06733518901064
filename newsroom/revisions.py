"""Article revisions, stored with django-reversion.

Every save of an article in the admin, every workflow transition that calls
``save_revision`` and every revert leaves a revision: who, when, a comment, and
the article as it was: its text fields, its entity links (plain many-to-many
ids, serialized inside the article's own JSON), and, followed as separate
versions in the same revision, its tag rows (with the tags' names) and its
byline rows. A revision is read back as a ``Snapshot``, which the diff and the
revert work on.

A snapshot holds every field of the one list of content fields
(``articles/content.py``). Reverting restores content (all of them but the
slug) and never state: status, publish dates and slug stay what the
workflow made them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, make_dataclass
from typing import Any

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles import events
from articles.content import CONTENT_FIELDS, Kind
from articles.models import Article, ArticleAuthor, TaggedArticle, TagRedirect
from authors.models import AuthorProfile

from .mentions import suggest_mentions
from .models import AuditEntry
from .permissions import can_edit

# What a version of an article stores: its content but the tags and byline
# (their rows are followed), and status and dates, kept so the revision list
# can say what state the text was in, not to be reverted.
STATE_FIELDS = ("status", "published_at", "expires_at")
VERSIONED_FIELDS = (
    *(f.name for f in CONTENT_FIELDS if f.kind not in (Kind.TAGS, Kind.BYLINE)), *STATE_FIELDS, "version",
)


def register_models() -> None:
    """Register the article and the rows that hang off it (called from
    ``ArticlesConfig.ready``)."""
    if reversion.is_registered(Article):
        return
    # Tags are followed so a revision keeps the names of its tags even after
    # a tag is merged away or renamed; reverting never rolls a tag back.
    reversion.register(Tag, fields=("name", "slug"))
    reversion.register(TaggedArticle, fields=("content_object", "tag"), follow=("tag",))
    reversion.register(ArticleAuthor, fields=("article", "author", "order"))
    reversion.register(Article, fields=VERSIONED_FIELDS, follow=("tagged_items", "bylines"))


def save_revision(*, article: Article, user, comment: str = "") -> Version | None:
    """Record ``article`` as it is in memory (text fields) and in the database
    (tags, entities, byline) as a new revision by ``user``.

    Returns the article's new Version. Inside an outer
    ``reversion.create_revision()`` block (the admin's save) the article is
    added to that revision instead, saved when the block ends, and None is
    returned."""
    nested = reversion.is_active()
    with reversion.create_revision(manage_manually=True):
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        reversion.add_to_revision(article)
    if nested:
        return None
    return versions_for(article).first()


def versions_for(article: Article) -> QuerySet[Version]:
    """The article's versions, newest first, with their revision and user."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


@dataclass(frozen=True)
class TagRef:
    id: int
    name: str
    slug: str


def _empty(kind: Kind):
    if kind is Kind.IMAGE:
        return None
    return field(default_factory=list) if kind in (Kind.LINES, Kind.TAGS, Kind.RELATION, Kind.BYLINE) else ""


# An article's content at one revision (or now), in plain values: one
# attribute per content field (tags as TagRefs, the byline as author ids in
# byline order, entities as sorted ids), and its state.
Snapshot = make_dataclass("Snapshot", [
    *((f.name, Any, _empty(f.kind)) for f in CONTENT_FIELDS),
    ("status", str, ""),
    ("published_at", datetime.datetime | None, None),
    ("expires_at", datetime.datetime | None, None),
])


def _sorted_tags(tags) -> list[TagRef]:
    return sorted(tags, key=lambda t: t.name.lower())


def snapshot_of_article(article: Article) -> Snapshot:
    """The article's current saved state as a Snapshot."""
    values: dict[str, Any] = {name: getattr(article, name) for name in STATE_FIELDS}
    for f in CONTENT_FIELDS:
        if f.kind is Kind.LINES:
            values[f.name] = list(getattr(article, f.name) or [])
        elif f.kind is Kind.IMAGE:
            values[f.name] = getattr(article, f"{f.name}_id")
        elif f.kind is Kind.TAGS:
            values[f.name] = _sorted_tags(TagRef(t.pk, t.name, t.slug) for t in getattr(article, f.name).all())
        elif f.kind is Kind.BYLINE:
            values[f.name] = list(article.bylines.order_by("order", "id").values_list("author_id", flat=True))
        elif f.kind is Kind.RELATION:
            values[f.name] = sorted(getattr(article, f.name).values_list("pk", flat=True))
        else:
            values[f.name] = getattr(article, f.name)
    return Snapshot(**values)


def snapshot_from_version(version: Version) -> Snapshot:
    """Read an article version, and the tag and byline versions saved in the
    same revision, back into a Snapshot."""
    data = version.field_dict
    article_id = int(version.object_id)
    content_types = ContentType.objects.get_for_models(TaggedArticle, Tag, ArticleAuthor)
    siblings = list(
        version.revision.version_set.filter(
            content_type__in=content_types.values()
        )
    )
    by_type: dict[type, list[Version]] = {model: [] for model in content_types}
    for sibling in siblings:
        for model, ct in content_types.items():
            if sibling.content_type_id == ct.pk:
                by_type[model].append(sibling)

    tag_names = {int(v.object_id): v.field_dict for v in by_type[Tag]}
    tag_ids = [
        v.field_dict["tag_id"] for v in by_type[TaggedArticle] if v.field_dict["content_object_id"] == article_id
    ]
    missing = [i for i in tag_ids if i not in tag_names]
    live = {t.pk: {"name": t.name, "slug": t.slug} for t in Tag.objects.filter(pk__in=missing)}
    tags = []
    for tag_id in tag_ids:
        info = tag_names.get(tag_id) or live.get(tag_id) or {"name": f"(deleted tag #{tag_id})", "slug": ""}
        tags.append(TagRef(tag_id, info["name"], info["slug"]))

    bylines = sorted(
        (v.field_dict["order"], int(v.object_id), v.field_dict["author_id"])
        for v in by_type[ArticleAuthor]
        if v.field_dict["article_id"] == article_id
    )
    values: dict[str, Any] = {"status": data.get("status") or "", "published_at": data.get("published_at"),
                              "expires_at": data.get("expires_at")}
    for f in CONTENT_FIELDS:
        value = data.get(f.name)
        if f.kind is Kind.LINES:
            values[f.name] = list(value or [])
        elif f.kind is Kind.IMAGE:
            values[f.name] = data.get(f"{f.name}_id")
        elif f.kind is Kind.TAGS:
            values[f.name] = _sorted_tags(tags)
        elif f.kind is Kind.BYLINE:
            values[f.name] = [author_id for _order, _pk, author_id in bylines]
        elif f.kind is Kind.RELATION:
            values[f.name] = sorted(int(i) for i in value or [])
        else:
            values[f.name] = value or ""
    return Snapshot(**values)


def version_of(article: Article, version_id: int) -> Version | None:
    """The version ``version_id`` if it belongs to ``article``, else None (a
    version id from another article's history is never used)."""
    return versions_for(article).filter(pk=version_id).first()


def _tags_for(refs: list[TagRef]) -> list[Tag]:
    """Today's tags for a revision's tags: the same row if it still exists,
    else the tag it was merged or renamed into, else one by that name
    (created if need be)."""
    existing = Tag.objects.in_bulk([r.id for r in refs])
    tags: list[Tag] = []
    for ref in refs:
        tag = existing.get(ref.id)
        if tag is None and ref.slug:
            redirect = TagRedirect.objects.select_related("tag").filter(old_slug=ref.slug).first()
            tag = redirect.tag if redirect else Tag.objects.filter(slug=ref.slug).first()
        if tag is None and not ref.name.startswith("(deleted tag"):
            tag = Tag.objects.filter(name__iexact=ref.name).first() or Tag.objects.create(name=ref.name)
        if tag is not None and tag not in tags:
            tags.append(tag)
    return tags


def revert_to_version(*, article: Article, version: Version, user) -> Article:
    """Make ``article``'s content what it was at ``version``, as a new revision.

    Only users who may edit the article now may revert it (a writer cannot
    revert a published article). Entities or authors deleted since are
    skipped; tags merged or renamed since map to the tag they became."""
    if not can_edit(user, article):
        raise PermissionDenied("You may not edit this article.")
    if version.object_id != str(article.pk) or version.content_type.model_class() is not Article:
        raise ValueError("That revision belongs to another article.")
    snap = snapshot_from_version(version)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        relations = []
        for f in CONTENT_FIELDS:
            value = getattr(snap, f.name)
            if not f.in_history:
                continue
            if f.is_relation:
                relations.append((f, value))
            elif f.kind is Kind.LINES:
                setattr(article, f.name, list(value))
            elif f.kind is Kind.IMAGE:
                # A picture deleted from the library since is not brought back.
                if value is None or f.model.objects.filter(pk=value).exists():
                    setattr(article, f"{f.name}_id", value)
            else:
                setattr(article, f.name, value)
        # Any open edit form of this article is now stale (optimistic lock).
        article.version += 1
        if article.is_public:
            article.content_updated_at = timezone.now()
        article.save()
        for f, value in relations:
            if f.kind is Kind.TAGS:
                getattr(article, f.name).set(_tags_for(value))
            elif f.kind is Kind.BYLINE:
                _restore_bylines(article, value)
            else:
                getattr(article, f.name).set(list(f.model.objects.filter(pk__in=value).values_list("pk", flat=True)))
        when = timezone.localtime(version.revision.date_created)
        comment = f"Reverted to the revision of {when:%Y-%m-%d %H:%M} (#{version.revision_id})."
        save_revision(article=article, user=user, comment=comment)
        AuditEntry.objects.create(
            article=article, article_title=article.title, user=user if user.is_authenticated else None,
            action=AuditEntry.Action.REVERTED, from_state=article.status, to_state=article.status,
            comment=comment, version=article.version,
        )
        if article.is_public:
            article_id = article.pk
            transaction.on_commit(lambda: events.public_content_changed(article_ids=[article_id], reason="revert"))
    suggest_mentions(article=article)
    return article


def _restore_bylines(article: Article, author_ids: list[int]) -> None:
    existing_authors = set(AuthorProfile.objects.filter(pk__in=author_ids).values_list("pk", flat=True))
    wanted = [a for a in author_ids if a in existing_authors]
    article.bylines.exclude(author_id__in=wanted).delete()
    current = {b.author_id: b for b in article.bylines.all()}
    for order, author_id in enumerate(wanted):
        byline = current.get(author_id)
        if byline is None:
            ArticleAuthor.objects.create(article=article, author_id=author_id, order=order)
        elif byline.order != order:
            byline.order = order
            byline.save(update_fields=["order"])
