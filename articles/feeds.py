"""Feeds for subscribers: site-wide latest, per topic, and corrections.

Every feed is published in three formats (RSS 2.0, Atom 1.0, JSON Feed 1.1)
from one Feed class, starts from ``Article.objects.published()`` and answers
conditional GETs (ETag / Last-Modified) from one aggregate query, before any
item is loaded. Entity and author feeds subclass ``ArticleFeed`` in
``profiles/feeds.py``.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    Max,
    OuterRef,
    QuerySet,
)
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.feedgenerator import Enclosure
from django.utils.html import format_html
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from taggit.models import Tag

from authors.models import AuthorProfile
from core.absolute_urls import absolute_url, slug_url
from core.sanitize import html_to_text
from entities.models import Enterprise, Official, Regulator

from .feed_formats import AtomFeed, JsonFeed, RssFeed
from .feed_items import article_guid, article_image, content_html, summary_html, tag_uri
from .models import Article, ArticleAuthor, Correction, TaggedArticle
from .querysets import published_q
from .tag_redirects import resolve_tag_redirect
from .visibility import public_tags

FORMATS = {"rss": RssFeed, "atom": AtomFeed, "json": JsonFeed}
FORMAT_INFO = {
    "rss": {"label": "RSS", "mime": "application/rss+xml"},
    "atom": {"label": "Atom", "mime": "application/atom+xml"},
    "json": {"label": "JSON Feed", "mime": "application/feed+json"},
}
# Bump when the feed output changes shape, so cached copies are refetched.
LAYOUT_VERSION = "2"
EARLIEST = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)


def feed_items_limit() -> int:
    return getattr(settings, "FEED_ITEMS", 50)


def feed_max_age() -> int:
    return getattr(settings, "FEED_MAX_AGE", 300)


class ConditionalFeed(Feed):
    """A feed in one of ``FORMATS`` that answers 304 when nothing changed.

    One instance serves one request (see ``feed_view``), so ``self.now`` is
    the single clock reading used for visibility, validators and items."""

    language = "en"

    def __init__(self, fmt: str = "rss") -> None:
        self.fmt = fmt
        self.feed_type = FORMATS[fmt]
        self.now = timezone.now()

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.request = request
        try:
            obj = self.get_object(request, *args, **kwargs)
        except Http404:
            # Looked up only on a miss, so a live feed pays no extra query.
            moved_to = self.moved_to(**kwargs)
            if moved_to is None:
                raise
            return HttpResponsePermanentRedirect(moved_to)
        fingerprint, last_modified = self.validators(obj)
        etag = quote_etag(hashlib.md5(f"{LAYOUT_VERSION}:{self.fmt}:{fingerprint}".encode(), usedforsecurity=False).hexdigest())
        last_modified_ts = int(last_modified.timestamp()) if last_modified else None
        response = get_conditional_response(request, etag=etag, last_modified=last_modified_ts)
        if response is None:
            feedgen = self.get_feed(obj, request)
            # Into a buffer, then one body: the XML writer makes thousands of
            # small writes, each dearer on an HttpResponse.
            buffer = io.BytesIO()
            feedgen.write(buffer, "utf-8")
            response = HttpResponse(buffer.getvalue(), content_type=feedgen.content_type)
        response.headers["ETag"] = etag
        if last_modified_ts is not None:
            response.headers["Last-Modified"] = http_date(last_modified_ts)
        patch_cache_control(response, public=True, max_age=feed_max_age())
        return response

    def validators(self, obj) -> tuple[str, datetime.datetime | None]:
        """(fingerprint for the ETag, Last-Modified), from one query."""
        raise NotImplementedError

    def moved_to(self, **kwargs) -> str | None:
        """The same feed's new URL when its subject was renamed or merged,
        so subscribers follow a 301 instead of losing the feed to a 404."""
        return None

    def feed_url(self, obj) -> str:
        return absolute_url(self.request.path)

    def author_name(self) -> str:
        return settings.SITE_NAME

    def author_link(self) -> str:
        return settings.SITE_URL + "/"

    def feed_copyright(self) -> str:
        return f"© {self.now.year} {settings.SITE_NAME}"

    def item_guid_is_permalink(self, item) -> bool:
        return False


class ArticleFeed(ConditionalFeed):
    """The newest published articles of a ``scope`` (all articles, a topic,
    an entity, an author)."""

    def scope(self, obj) -> QuerySet[Article]:
        """Articles of this feed in any state; visibility is applied on top."""
        return Article.objects.all()

    def validators(self, obj) -> tuple[str, datetime.datetime | None]:
        """From two small queries over the feed's *window*: the scope's articles
        (any state) published no earlier than its Nth newest visible article.

        The feed is the visible articles of that window, so every way it can
        change shows in the window's rows: an edit, unpublish or trash bumps
        an item's ``updated_at``; a scheduled article coming due, an expiry
        passing or a deletion changes which rows are visible. An article
        that left the feed stays in the window (its publish time is kept),
        so its ``updated_at`` or ``expires_at`` still moves Last-Modified.
        Counting or scanning the whole scope instead cost a full table scan
        per request at 100,000 articles; these read about N rows."""
        now = self.now
        limit = feed_items_limit()
        visible = self.scope(obj).published(now=now).newest_first()
        # The cutoff is read first, as a value: inside the same statement the
        # planner cannot see how wide the window is and, for a small topic,
        # would scan every article in the date range instead of the topic's.
        cutoff = next(iter(visible.values_list("published_at", flat=True)[limit - 1 : limit]), EARLIEST)
        rows = list(
            self.scope(obj)
            .filter(published_at__gte=cutoff, published_at__lte=now)
            .annotate(visible=ExpressionWrapper(published_q(now=now), output_field=BooleanField()))
            .order_by("-published_at", "-id")
            .values_list("pk", "updated_at", "published_at", "expires_at", "visible")
        )
        stamps = []
        for _pk, updated, published, expires, is_visible in rows:
            stamps.append(updated)
            if is_visible:
                stamps.append(published)
            if expires is not None and expires <= now:
                stamps.append(expires)
        digest = hashlib.md5(repr(rows).encode(), usedforsecurity=False).hexdigest()
        return f"{self.object_fingerprint(obj)}:{digest}", max(stamps) if stamps else None

    def object_fingerprint(self, obj) -> str:
        if obj is None:
            return "site"
        return f"{obj._meta.label}:{obj.pk}:{getattr(obj, 'updated_at', '')}:{obj}"

    def items(self, obj) -> list[Article]:
        items = list(self.scope(obj).published(now=self.now).newest_first().select_related("featured_image")[
            : feed_items_limit()])
        # Bylines and tag names as plain rows, not model instances: building
        # (and prefetching) a few hundred models was a third of a feed's CPU.
        ids = [item.pk for item in items]
        # Corrections by hand rather than prefetch_related, which builds a
        # filtered queryset per article before filling it (~4 ms a feed).
        corrections: dict[int, list[Correction]] = defaultdict(list)
        for correction in Correction.objects.filter(article_id__in=ids):
            corrections[correction.article_id].append(correction)
        authors: dict[int, list[dict]] = defaultdict(list)
        for article_id, name, slug in (
            ArticleAuthor.objects.filter(article_id__in=ids)
            .order_by("order", "id")
            .values_list("article_id", "author__display_name", "author__slug")
        ):
            authors[article_id].append({"name": name, "url": slug_url("authors:detail", slug)})
        tags: dict[int, list[str]] = defaultdict(list)
        for article_id, name in TaggedArticle.objects.filter(content_object_id__in=ids).values_list(
            "content_object_id", "tag__name"
        ):
            tags[article_id].append(name)
        for item in items:
            # Worked out once per item: the feed formats read them again and again.
            item.feed_authors = authors[item.pk]
            item.feed_tags = sorted(tags[item.pk])
            item.feed_image = article_image(item)
            item.feed_summary = summary_html(item)
            item.feed_corrections = corrections[item.pk]
        return items

    def item_title(self, item: Article) -> str:
        return item.title

    def item_link(self, item: Article) -> str:
        return slug_url("articles:detail", item.slug)

    def item_guid(self, item: Article) -> str:
        return article_guid(item)

    def item_description(self, item: Article) -> str:
        return item.feed_summary

    def item_pubdate(self, item: Article) -> datetime.datetime:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return max(d for d in (item.published_at, item.content_updated_at) if d)

    def item_categories(self, item: Article) -> list[str]:
        return item.feed_tags

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        image = item.feed_image
        if not image:
            return []
        return [Enclosure(image["url"], str(image["bytes"]), image["type"])]

    def item_extra_kwargs(self, item: Article) -> dict:
        return {
            "content_html": content_html(
                item, image=item.feed_image, summary=item.feed_summary, corrections=item.feed_corrections
            ),
            "summary_text": item.standfirst or html_to_text(item.body)[:300],
            "authors": item.feed_authors,
            "image": item.feed_image,
        }


class LatestFeed(ArticleFeed):
    def title(self) -> str:
        return f"{settings.SITE_NAME}: latest"

    def link(self) -> str:
        return absolute_url(reverse("articles:home"))

    def description(self) -> str:
        return f"The newest stories from {settings.SITE_NAME} on the rare-earth industry."


class TopicFeed(ArticleFeed):
    def moved_to(self, *, slug: str) -> str | None:
        if Tag.objects.filter(slug=slug).exists():
            return None  # the tag is here, only unused: its feed is a 404
        target = resolve_tag_redirect(slug)
        if target is None:
            return None
        return reverse(f"articles:topic_feed_{self.fmt}", kwargs={"slug": target.slug})

    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        return get_object_or_404(public_tags(), slug=slug)

    def scope(self, obj: Tag) -> QuerySet[Article]:
        return Article.objects.filter(tags=obj)

    def title(self, obj: Tag) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj: Tag) -> str:
        return absolute_url(reverse("articles:topic", kwargs={"slug": obj.slug}))

    def description(self, obj: Tag) -> str:
        return f"Stories on {obj.name} from {settings.SITE_NAME}."


class CorrectionsFeed(ConditionalFeed):
    """Corrections and updates on published articles, newest first."""

    def scope(self) -> QuerySet[Correction]:
        return Correction.objects.filter(
            article__in=Article.objects.published(now=self.now), created_at__lte=self.now
        )

    def validators(self, obj) -> tuple[str, datetime.datetime | None]:
        agg = self.scope().aggregate(newest=Max("created_at"), count=Count("pk"))
        return f"corrections:{agg['newest']}:{agg['count']}", agg["newest"]

    def items(self) -> list[Correction]:
        return list(self.scope().select_related("article").order_by("-created_at", "-id")[: feed_items_limit()])

    def title(self) -> str:
        return f"{settings.SITE_NAME}: corrections and updates"

    def link(self) -> str:
        return absolute_url(reverse("articles:home"))

    def description(self) -> str:
        return f"Every correction and update {settings.SITE_NAME} makes to a published story."

    def item_title(self, item: Correction) -> str:
        return f"{item.get_kind_display()}: {item.article.title}"

    def item_link(self, item: Correction) -> str:
        return absolute_url(item.article.get_absolute_url()) + "#corrections-heading"

    def item_guid(self, item: Correction) -> str:
        return tag_uri("correction", item.pk, item.created_at)

    def item_description(self, item: Correction) -> str:
        return format_html("<p>{}</p>", item.text)

    def item_pubdate(self, item: Correction) -> datetime.datetime:
        return item.created_at

    def item_updateddate(self, item: Correction) -> datetime.datetime:
        return item.created_at

    def item_categories(self, item: Correction) -> list[str]:
        return [item.get_kind_display()]

    def item_extra_kwargs(self, item: Correction) -> dict:
        url = absolute_url(item.article.get_absolute_url())
        return {
            "content_html": format_html('<p>{}</p><p>On <a href="{}">{}</a>.</p>', item.text, url, item.article.title),
            "summary_text": item.text,
        }


def feed_view(feed_class: type[ConditionalFeed], fmt: str) -> Callable[..., HttpResponse]:
    """A view making a fresh feed object per request (feeds keep per-request
    state, so one shared instance would not be thread-safe)."""

    def view(request: HttpRequest, **kwargs) -> HttpResponse:
        return feed_class(fmt)(request, **kwargs)

    view.__name__ = f"{feed_class.__name__}_{fmt}"
    return view


def feed_patterns(base: str, feed_class: type[ConditionalFeed], name: str) -> list:
    """``base`` (RSS), ``base + "atom/"`` and ``base + "json/"``, named
    ``<name>_rss``, ``<name>_atom`` and ``<name>_json``."""
    return [
        path(base, feed_view(feed_class, "rss"), name=f"{name}_rss"),
        path(base + "atom/", feed_view(feed_class, "atom"), name=f"{name}_atom"),
        path(base + "json/", feed_view(feed_class, "json"), name=f"{name}_json"),
    ]


def feed_links(url_name: str, title: str, **kwargs) -> list[dict]:
    """Discovery links for one feed: one per format, with title and type."""
    return [
        {
            "format": fmt,
            "label": info["label"],
            "type": info["mime"],
            "title": f"{title} ({info['label']})",
            "url": _feed_url(f"{url_name}_{fmt}", kwargs),
        }
        for fmt, info in FORMAT_INFO.items()
    ]


def _feed_url(name: str, kwargs: dict) -> str:
    return reverse(name, kwargs=kwargs or None)


def site_feed_links() -> list[dict]:
    return feed_links("articles:feed", f"{settings.SITE_NAME}: latest")


@require_safe
def feed_index(request: HttpRequest) -> HttpResponse:
    """Every feed a reader can subscribe to, grouped by kind."""
    published = Article.objects.published()

    def with_articles(model, relation: str) -> QuerySet:
        through = Article._meta.get_field(relation).remote_field.through
        own = model._meta.model_name
        return model.objects.filter(
            Exists(through.objects.filter(**{f"{own}_id": OuterRef("pk"), "article__in": published}))
        ).only("name", "slug")

    sections = [
        ("Topics", "articles:topic_feed", [(t.name, t.slug) for t in public_tags().order_by("name")]),
        ("Authors", "authors:feed", [
            (a.display_name, a.slug)
            for a in AuthorProfile.objects.filter(
                Exists(ArticleAuthor.objects.filter(author=OuterRef("pk"), article__in=published))
            ).only("display_name", "slug")
        ]),
        ("Officials", "entities:official_feed", [(o.name, o.slug) for o in with_articles(Official, "officials")]),
        ("Enterprises", "entities:enterprise_feed", [(e.name, e.slug) for e in with_articles(Enterprise, "enterprises")]),
        ("Regulators", "entities:regulator_feed", [(r.name, r.slug) for r in with_articles(Regulator, "regulators")]),
    ]
    groups = [
        {
            "heading": heading,
            "feeds": [{"name": name, "links": feed_links(url_name, name, slug=slug)} for name, slug in rows],
        }
        for heading, url_name, rows in sections
    ]
    context = {
        "site_feeds": site_feed_links(),
        "corrections_feeds": feed_links("articles:corrections_feed", "Corrections and updates"),
        "groups": groups,
    }
    return render(request, "feeds/index.html", context)

