"""Keep search documents in step with what they are built from.

A search document is derived data, like a slug: it is refreshed when the
article, its tags or mentioned entities, or the names of those tags and
entities change. Bulk writers that bypass signals (``QuerySet.update``, tag
merges) call ``articles.events.public_content_changed``, whose ``content_changed``
signal re-indexes too. Wrap imports in ``search.tasks.search_index_batch()`` to write each
document once.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from articles.models import Article, TaggedArticle
from articles.signals import content_changed
from entities.models import Enterprise, Official, Regulator

from .documents import search_index_update
from .models import ArticleSearchDocument, SynonymGroup
from .synonyms import forget_synonym_table
from .tasks import index_articles_soon
from .vocabulary import vocabulary_apply


@receiver(content_changed, dispatch_uid="search_content_changed")
def _content_changed(sender, article_ids, **kwargs) -> None:
    # Sent in the task worker: write the documents here, in this task.
    search_index_update(article_ids=article_ids)


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def _article_saved(sender, instance: Article, **kwargs) -> None:
    index_articles_soon([instance.pk])


def _relation_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            index_articles_soon([instance.pk])
        return
    # From the entity (or tag) side: the articles are in pk_set, or, when
    # cleared, are the ones linked just before the clear.
    if action == "pre_clear":
        instance._search_cleared_ids = list(_articles_linked_to(sender, instance))
    elif action == "post_clear":
        index_articles_soon(getattr(instance, "_search_cleared_ids", []))
    else:
        index_articles_soon(pk_set or [])


def _articles_linked_to(through, instance) -> list[int]:
    if through is TaggedArticle:
        return list(TaggedArticle.objects.filter(tag=instance).values_list("content_object_id", flat=True))
    return list(instance.articles.values_list("pk", flat=True))


for _through in (TaggedArticle, Article.officials.through, Article.enterprises.through, Article.regulators.through):
    m2m_changed.connect(_relation_changed, sender=_through, dispatch_uid=f"search_m2m_{_through._meta.label}")


_NAMED = (Official, Enterprise, Regulator, Tag)


def _names_of(instance) -> str:
    return instance.name if isinstance(instance, Tag) else instance.search_names


def _remember_names(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    field = "name" if sender is Tag else "search_names"
    instance._search_old_names = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()


def _names_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    # A new tag or entity has no articles yet; an unchanged name changes no document.
    if created or raw or getattr(instance, "_search_old_names", None) == _names_of(instance):
        return
    index_articles_soon(_linked_articles(instance))


def _remember_linked(sender, instance, **kwargs) -> None:
    instance._search_linked_ids = _linked_articles(instance)


def _linked_deleted(sender, instance, **kwargs) -> None:
    index_articles_soon(getattr(instance, "_search_linked_ids", []))


def _linked_articles(instance) -> list[int]:
    if isinstance(instance, Tag):
        return _articles_linked_to(TaggedArticle, instance)
    return list(instance.articles.values_list("pk", flat=True))


for _model in _NAMED:
    _uid = _model._meta.label
    pre_save.connect(_remember_names, sender=_model, dispatch_uid=f"search_names_before_{_uid}")
    post_save.connect(_names_saved, sender=_model, dispatch_uid=f"search_names_after_{_uid}")
    pre_delete.connect(_remember_linked, sender=_model, dispatch_uid=f"search_deleting_{_uid}")
    post_delete.connect(_linked_deleted, sender=_model, dispatch_uid=f"search_deleted_{_uid}")


@receiver(post_delete, sender=ArticleSearchDocument, dispatch_uid="search_document_deleted")
def _document_deleted(sender, instance: ArticleSearchDocument, **kwargs) -> None:
    # An article deleted outright (not through the trash, whose re-index
    # already took its words out): its words leave the vocabulary with it.
    if instance.in_vocabulary:
        vocabulary_apply(removed=[instance.document], added=[])


@receiver(post_save, sender=SynonymGroup, dispatch_uid="search_synonyms_saved")
@receiver(post_delete, sender=SynonymGroup, dispatch_uid="search_synonyms_deleted")
def _synonyms_changed(sender, **kwargs) -> None:
    # Synonyms apply at query time: the next search reads the edited group.
    forget_synonym_table()
