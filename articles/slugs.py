"""Changing an article's URL without breaking the links already out there.

``article_change_slug`` is the service editors' tools call. Whatever path the
slug changes by (the service, the admin form, an import), a ``pre_save``
comparison records the old path as an ``ArticleRedirect`` so the old URL
answers 301: that row is derived data, like a denormalised field.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import slugify

from core.slugs import stored_slug_if_changing

from .events import public_content_changed
from .models import Article, ArticleRedirect


def _path(slug: str) -> str:
    return reverse("articles:detail", kwargs={"slug": slug})


def article_change_slug(*, article: Article, new_slug: str) -> Article:
    """Give ``article`` the URL ``/articles/<new_slug>/``; the old URL keeps
    working as a permanent redirect. Raises ValidationError when the slug is
    empty or taken by another article."""
    slug = slugify(new_slug)[:255].strip("-")
    if not slug:
        raise ValidationError({"slug": "Enter a slug made of letters, numbers and hyphens."})
    if slug == article.slug:
        return article
    if Article.objects.filter(slug=slug).exclude(pk=article.pk).exists():
        raise ValidationError({"slug": "Another article already uses this address."})
    with transaction.atomic():
        article.slug = slug
        article.save(update_fields=["slug", "updated_at"])
        transaction.on_commit(lambda: public_content_changed(article_ids=[article.pk], reason="slug changed"))
    return article


@receiver(pre_save, sender=Article, dispatch_uid="articles.slugs.remember_old_slug")
def _remember_old_slug(sender, instance: Article, raw: bool = False, update_fields=None, **kwargs) -> None:
    instance._previous_slug = stored_slug_if_changing(instance, raw=raw, update_fields=update_fields)


@receiver(post_save, sender=Article, dispatch_uid="articles.slugs.record_redirect")
def _record_redirect(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    old = getattr(instance, "_previous_slug", None)
    if raw or not old:
        return
    instance._previous_slug = None
    # Going back to an earlier slug must not leave a redirect loop.
    ArticleRedirect.objects.filter(old_path=_path(instance.slug)).delete()
    ArticleRedirect.objects.update_or_create(old_path=_path(old), defaults={"article": instance})
