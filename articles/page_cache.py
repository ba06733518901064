"""What the page cache (``pagecache``) must know about articles: which
models pages depend on, the dependency keys of a changed article, and the
next clock-driven visibility change."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, Min, Q
from taggit.models import Tag

from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Position, Regulator
from pagecache.dependencies import LISTS, register_subject, subject_key, track
from pagecache.invalidation import invalidate
from pagecache.store import set_horizon_source

from .models import Article, Correction, TaggedArticle

_LISTED_STATUSES = ("published", "scheduled")

SUBJECTS = {
    "articles:detail": "article",
    "articles:topic": "tag",
    "entities:official": "official",
    "entities:enterprise": "enterprise",
    "entities:regulator": "regulator",
    "authors:detail": "author",
}


def _article_listed(article: Article) -> bool:
    # __dict__, not the attribute: a deferred status (``.only()``) must not
    # cost a query per loaded article.
    return article.__dict__.get("status") in _LISTED_STATUSES


def _article_moments(article: Article) -> tuple:
    """When a listed article appears or disappears by the clock."""
    if not _article_listed(article):
        return ()
    return (article.__dict__.get("published_at"), article.__dict__.get("expires_at"))


def register() -> None:
    """Called once from ArticlesConfig.ready(). An edited position bumps its
    official and a correction its article (and the lists); their loaded
    instances are not collected, so entries stay short to validate."""
    track(Article, kind="article", listed=_article_listed, moments=_article_moments)
    track(Correction, kind="correction", collect=False,
          extra_keys=lambda c: [f"article:{c.article_id}"] if c.article_id else [])
    track(Tag, kind="tag")
    # An entity saved (its profile published or withdrawn by an editor, say)
    # also refreshes the profiles that list it as a neighbour.
    track(Official, kind="official", extra_keys=lambda e: _neighbour_keys("official", {e.pk}))
    track(Enterprise, kind="enterprise", extra_keys=lambda e: _neighbour_keys("enterprise", {e.pk}))
    track(Regulator, kind="regulator", extra_keys=lambda e: _neighbour_keys("regulator", {e.pk}))
    track(Position, kind="position", collect=False,
          extra_keys=lambda p: [f"official:{p.official_id}"] if p.official_id else [])
    track(AuthorProfile, kind="author")
    for url_name, kind in SUBJECTS.items():
        register_subject(url_name, kind)
    set_horizon_source(next_visibility_change)


def next_visibility_change(now: datetime.datetime) -> datetime.datetime | None:
    """The next moment an article becomes visible (scheduled) or stops being
    visible (expiry)."""
    agg = Article.objects.filter(status__in=(Article.Status.PUBLISHED, Article.Status.SCHEDULED)).aggregate(
        next_publish=Min("published_at", filter=Q(published_at__gt=now)),
        next_expiry=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    moments = [m for m in agg.values() if m is not None]
    return min(moments) if moments else None


def article_dependency_keys(article_ids: Iterable[int]) -> set[str]:
    """Keys to bump (and purge at a CDN) when these articles change: the
    articles, the membership of every topic, entity and author they belong
    to, and the lists."""
    ids = sorted({int(i) for i in article_ids})
    keys = {LISTS}
    if not ids:
        return keys
    keys.update(f"article:{i}" for i in ids)
    keys.update(
        subject_key("article", slug) for slug in Article.objects.filter(pk__in=ids).values_list("slug", flat=True)
    )
    keys.update(
        subject_key("tag", slug)
        for slug in TaggedArticle.objects.filter(content_object_id__in=ids).values_list("tag__slug", flat=True)
    )
    for field, kind in (("officials", "official"), ("enterprises", "enterprise"), ("regulators", "regulator"),
                        ("authors", "author")):
        through = Article._meta.get_field(field).remote_field.through
        target = Article._meta.get_field(field).m2m_reverse_field_name()
        source = Article._meta.get_field(field).m2m_field_name()
        rows = list(through.objects.filter(**{f"{source}_id__in": ids}).values_list(f"{target}__slug", f"{target}_id"))
        keys.update(subject_key(kind, slug) for slug, _pk in rows)
        if kind != "author":
            model = Article._meta.get_field(field).related_model
            keys.update(_neighbour_keys(kind, _visibility_may_have_flipped(model, {pk for _slug, pk in rows})))
    return keys


def _neighbour_keys(kind: str, pks: set[int]) -> set[str]:
    """The profile pages that show these entities as a neighbour (a parent
    group's subsidiaries, a regulator's supervised companies, the people who
    held posts, an official's organisations...), or leave them out while
    they are not public (entities.querysets)."""
    keys: set[str] = set()
    if not pks:
        return keys
    positions = Position.objects.filter(**{f"{kind}_id__in": pks})
    if kind == "official":
        keys.update(subject_key("enterprise", s) for s in positions.exclude(enterprise=None)
                    .values_list("enterprise__slug", flat=True))
        keys.update(subject_key("regulator", s) for s in positions.exclude(regulator=None)
                    .values_list("regulator__slug", flat=True))
        return keys
    keys.update(subject_key("official", s) for s in positions.values_list("official__slug", flat=True))
    model = Enterprise if kind == "enterprise" else Regulator
    near = Q(parent__pk__in=pks) | Q(pk__in=model.objects.filter(pk__in=pks).values("parent_id"))
    keys.update(subject_key(kind, s) for s in model.objects.filter(near).values_list("slug", flat=True))
    if kind == "enterprise":
        keys.update(subject_key("regulator", s) for s in Regulator.objects.filter(
            supervised_enterprises__pk__in=pks).values_list("slug", flat=True))
    else:
        keys.update(subject_key("enterprise", s) for s in Enterprise.objects.filter(
            regulator__pk__in=pks).values_list("slug", flat=True))
    return keys


def _visibility_may_have_flipped(model, pks: set[int]) -> set[int]:
    """Of these entities, those with at most one published story naming
    them: the change just made them public (their first) or hid them (their
    last). Others were public before and after."""
    counted = model.objects.filter(pk__in=pks).annotate(
        n=Count("articles", filter=Q(articles__in=Article.objects.published().values("pk")), distinct=True)
    ).filter(n__lte=1)
    return set(counted.values_list("pk", flat=True))


def article_page_keys(article_ids: Iterable[int]) -> set[str]:
    """Only these articles' own pages (their "You Might Also Like" list
    changed); their topics, profiles and lists are untouched."""
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return set()
    return {subject_key("article", slug) for slug in Article.objects.filter(pk__in=ids).values_list("slug", flat=True)}


def invalidate_articles(article_ids: Iterable[int]) -> None:
    """Invalidate every cached page that shows or lists these articles."""
    invalidate(article_dependency_keys(article_ids))


def invalidate_article_pages(article_ids: Iterable[int]) -> None:
    invalidate(article_page_keys(article_ids))
