"""Tag hygiene: merging duplicate tags and renaming tags, leaving a 301 from
every old topic URL to the tag it became."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from taggit.models import ItemBase, Tag

from articles import events
from articles.models import TaggedArticle, TagRedirect


def may_manage_tags(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.has_perms(["taggit.change_tag", "taggit.delete_tag"])
    )


def _tagged_models() -> list[type]:
    """Every through model with a foreign key to Tag (articles' and any
    other app's), so a merge leaves no row pointing at a deleted tag."""
    return [
        rel.related_model for rel in Tag._meta.related_objects
        if rel.field.name == "tag" and issubclass(rel.related_model, ItemBase)
    ]


def _leave_redirect(old_slug: str, tag: Tag) -> None:
    if old_slug and old_slug != tag.slug:
        TagRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": tag})


@transaction.atomic
def tag_merge(*, keep: Tag, merge: Tag | Iterable[Tag], user) -> list[int]:
    """Move everything tagged with ``merge`` to ``keep`` and delete ``merge``;
    its topic URL (and any URL that already redirected to it) redirects to
    ``keep``. Items tagged with both end up with ``keep`` once. Returns the
    ids of the articles whose tags changed."""
    if not may_manage_tags(user):
        raise PermissionDenied("Only editors may merge tags.")
    merged = [merge] if isinstance(merge, Tag) else list(merge)
    merged = [t for t in merged if t.pk != keep.pk]
    if not merged:
        return []
    merged_ids = [t.pk for t in merged]
    article_ids = sorted(set(TaggedArticle.objects.filter(tag_id__in=merged_ids).values_list(
        "content_object_id", flat=True)))
    for model in _tagged_models():
        # The fields that say what is tagged: the through model's other fields.
        owner = [f.attname for f in model._meta.concrete_fields if not f.primary_key and f.name != "tag"]
        already = set(model.objects.filter(tag=keep).values_list(*owner))
        moving = model.objects.filter(tag_id__in=merged_ids).order_by("pk")
        duplicates = []
        for row in moving.values_list("pk", *owner):
            key = tuple(row[1:])
            if key in already:
                duplicates.append(row[0])
            else:
                already.add(key)
        model.objects.filter(pk__in=duplicates).delete()
        moving.exclude(pk__in=duplicates).update(tag=keep)
    TagRedirect.objects.filter(tag_id__in=merged_ids).update(tag=keep)
    for tag in merged:
        _leave_redirect(tag.slug, keep)
    Tag.objects.filter(pk__in=merged_ids).delete()
    TagRedirect.objects.filter(old_slug=keep.slug).delete()
    transaction.on_commit(lambda: events.public_content_changed(article_ids=article_ids, reason="tag_merge"))
    return article_ids


@transaction.atomic
def tag_rename(*, tag: Tag, name: str, user, slug: str | None = None) -> Tag:
    """Rename ``tag``; the slug follows the new name unless one is given. A
    changed slug leaves a 301 from the old topic URL. A name or slug another
    tag already has is refused (merge the two instead)."""
    if not may_manage_tags(user):
        raise PermissionDenied("Only editors may rename tags.")
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "A tag needs a name."})
    # Tag.slugify is taggit's own rule (keeps Chinese characters by default).
    new_slug = tag.slugify(slug or name)[:100] or tag.slug
    if Tag.objects.exclude(pk=tag.pk).filter(name__iexact=name).exists():
        raise ValidationError({"name": f"A tag named “{name}” already exists: merge the two instead."})
    if Tag.objects.exclude(pk=tag.pk).filter(slug=new_slug).exists():
        raise ValidationError({"slug": f"Another tag already uses the address /topics/{new_slug}/."})
    old_slug = Tag.objects.filter(pk=tag.pk).values_list("slug", flat=True).first() or tag.slug
    tag.name, tag.slug = name, new_slug
    tag.save()
    _leave_redirect(old_slug, tag)
    TagRedirect.objects.filter(tag=tag, old_slug=new_slug).delete()
    TagRedirect.objects.filter(old_slug=new_slug).exclude(tag=tag).delete()
    article_ids = list(TaggedArticle.objects.filter(tag=tag).values_list("content_object_id", flat=True))
    transaction.on_commit(lambda: events.public_content_changed(article_ids=article_ids, reason="tag_rename"))
    return tag
