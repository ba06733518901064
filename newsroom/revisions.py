"""Article revisions, stored with django-reversion.

Every save of an article in the admin, every workflow transition that calls
``save_revision`` and every revert leaves a revision: who, when, a comment, and
the article as it was: its text fields, its entity links (plain many-to-many
ids, serialized inside the article's own JSON), and, followed as separate
versions in the same revision, its tag rows (with the tags' names) and its
byline rows. A revision is read back as a ``Snapshot``, which the diff and the
revert work on.

Reverting restores content (title, standfirst, highlights, body, featured
image, tags, entities, byline) and never state: status, publish dates and
slug stay what the workflow made them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles import events
from articles.models import Article, ArticleAuthor, TaggedArticle, TagRedirect
from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Regulator

from .mentions import suggest_mentions
from .models import AuditEntry
from .permissions import can_edit

TEXT_FIELDS = ("title", "standfirst", "body")
IMAGE_TEXT_FIELDS = ("featured_image_alt", "featured_image_caption", "featured_image_credit")
ENTITY_FIELDS = {"officials": Official, "enterprises": Enterprise, "regulators": Regulator}
# What a version of an article stores. Status and dates are kept so the
# revision list can say what state the text was in, not to be reverted.
VERSIONED_FIELDS = (
    *TEXT_FIELDS, "highlights", "slug", "featured_image", *IMAGE_TEXT_FIELDS,
    "status", "published_at", "expires_at", "version", *ENTITY_FIELDS,
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


@dataclass
class Snapshot:
    """An article's content at one revision (or now), in plain values."""

    title: str = ""
    slug: str = ""
    standfirst: str = ""
    highlights: list[str] = field(default_factory=list)
    body: str = ""
    featured_image: str = ""
    featured_image_alt: str = ""
    featured_image_caption: str = ""
    featured_image_credit: str = ""
    status: str = ""
    published_at: datetime.datetime | None = None
    expires_at: datetime.datetime | None = None
    tags: list[TagRef] = field(default_factory=list)
    bylines: list[int] = field(default_factory=list)  # author ids in byline order
    officials: list[int] = field(default_factory=list)
    enterprises: list[int] = field(default_factory=list)
    regulators: list[int] = field(default_factory=list)


def snapshot_of_article(article: Article) -> Snapshot:
    """The article's current saved state as a Snapshot."""
    return Snapshot(
        title=article.title,
        slug=article.slug,
        standfirst=article.standfirst,
        highlights=list(article.highlights or []),
        body=article.body,
        featured_image=article.featured_image.name or "",
        featured_image_alt=article.featured_image_alt,
        featured_image_caption=article.featured_image_caption,
        featured_image_credit=article.featured_image_credit,
        status=article.status,
        published_at=article.published_at,
        expires_at=article.expires_at,
        tags=sorted(
            (TagRef(t.pk, t.name, t.slug) for t in article.tags.all()),
            key=lambda t: t.name.lower(),
        ),
        bylines=list(article.bylines.order_by("order", "id").values_list("author_id", flat=True)),
        **{name: sorted(getattr(article, name).values_list("pk", flat=True)) for name in ENTITY_FIELDS},
    )


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
    image = data.get("featured_image")
    return Snapshot(
        title=data.get("title") or "",
        slug=data.get("slug") or "",
        standfirst=data.get("standfirst") or "",
        highlights=list(data.get("highlights") or []),
        body=data.get("body") or "",
        featured_image=getattr(image, "name", image) or "",
        featured_image_alt=data.get("featured_image_alt") or "",
        featured_image_caption=data.get("featured_image_caption") or "",
        featured_image_credit=data.get("featured_image_credit") or "",
        status=data.get("status") or "",
        published_at=data.get("published_at"),
        expires_at=data.get("expires_at"),
        tags=sorted(tags, key=lambda t: t.name.lower()),
        bylines=[author_id for _order, _pk, author_id in bylines],
        **{name: sorted(int(i) for i in data.get(name) or []) for name in ENTITY_FIELDS},
    )


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
        for name in (*TEXT_FIELDS, *IMAGE_TEXT_FIELDS):
            setattr(article, name, getattr(snap, name))
        article.highlights = list(snap.highlights)
        image_changed = snap.featured_image != (article.featured_image.name or "")
        # An image file deleted from storage since is not brought back.
        if image_changed and (not snap.featured_image or default_storage.exists(snap.featured_image)):
            article.featured_image.name = snap.featured_image or None
            article.featured_image_renditions = {}
        # Any open edit form of this article is now stale (optimistic lock).
        article.version += 1
        if article.is_public:
            article.content_updated_at = timezone.now()
        article.save()
        article.tags.set(_tags_for(snap.tags))
        for name, model in ENTITY_FIELDS.items():
            ids = list(model.objects.filter(pk__in=getattr(snap, name)).values_list("pk", flat=True))
            getattr(article, name).set(ids)
        _restore_bylines(article, snap.bylines)
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
