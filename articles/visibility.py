"""What readers may see besides the articles themselves, derived from
``Article.objects.published()``: the topics, and the people and
organisations, that a visible story carries.

A tag or an entity that only unpublished stories use could give those
stories away (a company's name, an official's biography, a topic called
after the deal), so it is as invisible as they are: topic pages and feeds
start from :func:`public_tags`; entity surfaces from ``Official.objects.public()``
(entities/querysets.py), which asks :func:`covered_entities` here.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from taggit.models import Tag

from entities.querysets import set_coverage_source

from .models import Article, TaggedArticle

_ENTITY_FIELDS = {"official": "officials", "enterprise": "enterprises", "regulator": "regulators"}


def public_tags(*, now: datetime.datetime | None = None) -> QuerySet[Tag]:
    """Tags on at least one article a reader may see at ``now``."""
    return Tag.objects.filter(
        Exists(TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=Article.objects.published(now=now)))
    )


def covered_entities(model: type[models.Model], now: datetime.datetime | None = None) -> QuerySet:
    """Ids of the ``model`` rows (Official, Enterprise, Regulator) that a
    story a reader may see at ``now`` names: a semi-join on the link table."""
    name = model._meta.model_name
    through = getattr(Article, _ENTITY_FIELDS[name]).through
    published = Article.objects.published(now=now).values("pk")
    return through.objects.filter(article__in=published).values(f"{name}_id")


def register() -> None:
    """Called once from ArticlesConfig.ready()."""
    set_coverage_source(covered_entities)
