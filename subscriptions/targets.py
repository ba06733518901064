"""What can be followed, and which articles match a follow.

The URL of a follow button names a kind and a slug; ``resolve`` turns them
into the row, or None (the view answers 404). ``ArticleIndex`` inverts a
window's articles into "followed thing -> articles", so matching a reader's
follows costs dictionary look-ups, not queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from taggit.models import Tag

from articles.models import Article, ArticleAuthor, TaggedArticle
from articles.visibility import public_tags
from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Regulator

from .models import TARGET_FIELDS, Follow

MODELS = {"official": Official, "enterprise": Enterprise, "regulator": Regulator, "topic": Tag,
          "author": AuthorProfile}
SITE_LABEL = "The daily briefing"


def resolve(kind: str, slug: str):
    """The followed row for a button's kind and slug; None if there is none
    (the site's briefing has no row: kind "site" returns the string label)."""
    if kind == Follow.Kind.SITE:
        return SITE_LABEL
    model = MODELS.get(kind)
    if model is None:
        return None
    # Only what readers may see: a person, company or topic that only an
    # unpublished story names cannot be followed (nor found out by trying).
    if kind == "topic":
        rows = public_tags()
    elif kind == "author":
        rows = model.objects.all()
    else:
        rows = model.objects.public()
    return rows.filter(slug=slug).first()


def target_fields(kind: str, target) -> dict:
    """The Follow columns that name ``target``: {"official": <Official>} or {}."""
    field_name = TARGET_FIELDS.get(kind)
    return {field_name: target} if field_name else {}


def target_name(kind: str, target) -> str:
    if kind == Follow.Kind.SITE:
        return SITE_LABEL
    return target.name if kind == "topic" else str(target)


def reason(kind: str, name: str) -> str:
    """Why an article is in a reader's email."""
    if kind == Follow.Kind.SITE:
        return "From the daily briefing"
    if kind == "topic":
        return f"You follow the topic {name}"
    return f"You follow {name}"


@dataclass
class ArticleIndex:
    """A set of articles, newest first, with who and what each one is about."""

    article_ids: list[int]
    by_target: dict[tuple[str, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    names: dict[tuple[str, int], str] = field(default_factory=dict)

    @classmethod
    def build(cls, articles: Iterable[Article] | Iterable[int]) -> ArticleIndex:
        """Index these articles (ids or rows, newest first): five queries
        whatever their number."""
        ids = [a if isinstance(a, int) else a.pk for a in articles]
        index = cls(ids)
        links = [
            ("official", Article.officials.through.objects.filter(article_id__in=ids)
             .values_list("article_id", "official_id", "official__name")),
            ("enterprise", Article.enterprises.through.objects.filter(article_id__in=ids)
             .values_list("article_id", "enterprise_id", "enterprise__name")),
            ("regulator", Article.regulators.through.objects.filter(article_id__in=ids)
             .values_list("article_id", "regulator_id", "regulator__name")),
            ("topic", TaggedArticle.objects.filter(content_object_id__in=ids)
             .values_list("content_object_id", "tag_id", "tag__name")),
            ("author", ArticleAuthor.objects.filter(article_id__in=ids)
             .values_list("article_id", "author_id", "author__display_name")),
        ]
        for kind, rows in links:
            for article_id, target_id, name in rows:
                index.by_target[(kind, target_id)].append(article_id)
                index.names[(kind, target_id)] = name
        return index

    def match(self, follows: Iterable[tuple[str, int | None]]) -> list[list]:
        """[[article id, reason], ...] for a reader's follows given as
        (kind, target id) pairs: each article once, newest first, with the
        reason of the first follow that matched it."""
        reasons: dict[int, str] = {}
        for kind, target_id in follows:
            if kind == Follow.Kind.SITE:
                ids = self.article_ids
                why = reason(kind, SITE_LABEL)
            else:
                ids = self.by_target.get((kind, target_id), ())
                why = reason(kind, self.names.get((kind, target_id), ""))
            for article_id in ids:
                reasons.setdefault(article_id, why)
        return [[article_id, reasons[article_id]] for article_id in self.article_ids if article_id in reasons]


def follow_key(follow_row: dict) -> tuple[str, int | None]:
    """(kind, target id) from a Follow values() row."""
    kind = follow_row["kind"]
    column = TARGET_FIELDS.get(kind)
    return kind, (follow_row[f"{column}_id"] if column else None)


FOLLOW_VALUES = ("subscriber_id", "kind", "official_id", "enterprise_id", "regulator_id", "tag_id", "author_id")


def pack_items(items: list[list]) -> dict:
    """[[article id, reason], ...] as stored in Delivery.items: ids and
    reason numbers in two flat lists, each reason once. (A hundred thousand
    rows with every reason spelt out made writing the log three times slower.)"""
    reasons: dict[str, int] = {}
    return {"ids": [article_id for article_id, _ in items],
            "why": [reasons.setdefault(why, len(reasons)) for _, why in items],
            "reasons": list(reasons)}


def unpack_items(stored) -> list[list]:
    if not stored:
        return []
    if isinstance(stored, list):
        return stored
    reasons = stored["reasons"]
    return [[article_id, reasons[n]] for article_id, n in zip(stored["ids"], stored["why"], strict=True)]
