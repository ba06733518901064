"""Public pages about articles: home, article, topics, archive, corrections."""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.core.paginator import Page
from django.db.models import Count, Exists, OuterRef, Prefetch, prefetch_related_objects
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import AuthorProfile
from core.seo import absolute_url, page_meta
from entities.models import Enterprise, Official, Position, Regulator
from entities.timeline import position_then
from pagecache.fragments import cached_fragment
from pagecache.pagination import page_or_404

from .coverage import TRENDING_DAYS, trending
from .models import Article, ArticleRedirect, Correction
from .seo import article_jsonld, site_jsonld
from .tag_redirects import resolve_tag_redirect
from .visibility import public_tags

PAGE_SIZE = 20
HOME_PAGE_SIZE = 13  # the lead story plus a grid of twelve


def _page(request: HttpRequest, queryset, per_page: int = PAGE_SIZE) -> Page:
    """The requested page; a bad or out-of-range page number is a 404."""
    return page_or_404(request, queryset, per_page)


def home(request: HttpRequest) -> HttpResponse:
    page = _page(request, Article.objects.published().for_listing(), HOME_PAGE_SIZE)
    context = {
        "page": page,
        "jsonld": site_jsonld(),
        **page_meta(title=f"{settings.SITE_NAME}: rare-earth news", og_type="website"),
    }
    if page.number == 1:
        articles = list(page.object_list)
        entities, topics = trending({"People": Official, "Companies": Enterprise, "Regulators": Regulator})
        context.update(
            lead=articles[0] if articles else None,
            latest=articles[1:],
            trending=list(entities.items()),
            trending_topics=topics,
            trending_days=TRENDING_DAYS,
        )
    else:
        context.update(latest=list(page.object_list), meta_title=f"Latest news, page {page.number}")
    return render(request, "articles/home.html", context)


# What the page shows of the people and organisations it names (the
# includes under templates/includes/article/ and seo.article_jsonld); the
# rest of their rows (biographies, aliases, search names, photos) stays behind.
ARTICLE_PAGE_FIELDS = {
    "authors": ("id", "display_name", "slug"),
    "officials": ("id", "name", "native_name", "slug", "same_as"),
    "enterprises": ("id", "name", "native_name", "slug", "same_as", "ownership"),
    "regulators": ("id", "name", "slug", "same_as", "acronym"),
}


def positions_prefetch() -> Prefetch:
    """An official's posts, as the article page labels the people it names."""
    return Prefetch("positions", queryset=Position.objects.with_organisation())


def article_page_prefetches() -> list[Prefetch | str]:
    """The article page's relations: one query each, whatever their size."""
    fields = ARTICLE_PAGE_FIELDS
    return [
        "featured_image",  # none when the page's query selected it already
        Prefetch("authors", queryset=AuthorProfile.objects.only(*fields["authors"]).order_by(
            "bylines__order", "bylines__id")),
        "tags",
        Prefetch("officials", queryset=Official.objects.only(*fields["officials"]).prefetch_related(
            positions_prefetch())),
        Prefetch("enterprises", queryset=Enterprise.objects.only(*fields["enterprises"])),
        Prefetch("regulators", queryset=Regulator.objects.only(*fields["regulators"])),
        "corrections",
    ]


def with_corrections_flag(articles):
    """``has_corrections`` on each article, read in the article's own query:
    most stories have none, and then their page asks for none."""
    return articles.annotate(has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))))


def _has_corrections(article: Article) -> bool:
    # Loaded without the flag (a preview): ask.
    return getattr(article, "has_corrections", True)


def load_article_page(article: Article) -> Article:
    """Load what the article page shows of one article (its public page and
    its previews alike) in a fixed number of queries."""
    prefetches = article_page_prefetches()
    if not _has_corrections(article):
        prefetches.remove("corrections")
    prefetch_related_objects([article], *prefetches)
    return article


def story_context(article: Article) -> dict:
    """What the story templates (articles/story.html and story_head.html)
    show of ``article``, loaded with :func:`load_article_page`."""
    day = timezone.localdate(article.published_at or timezone.now())
    today = timezone.localdate()
    officials = [(o, position_then(o, day, today=today)) for o in article.officials.all()]
    corrections = list(article.corrections.all()) if _has_corrections(article) else []
    # Each topic's address once, for the kicker, the topic list and the JSON-LD.
    topics = [(tag, reverse("articles:topic", kwargs={"slug": tag.slug})) for tag in article.tags.all()]
    return {
        "article": article,
        "officials": officials,
        "corrections": corrections,
        "topics": topics,
        "jsonld": article_jsonld(article, corrections=corrections, topics=topics),
    }


def render_story(article: Article) -> dict[str, str]:
    """The story's HTML: ``head`` (its meta tags and JSON-LD) and ``body``
    (the ``<article>`` element), from an article loaded with
    :func:`load_article_page`."""
    context = story_context(article)
    return {
        "head": render_to_string("articles/story_head.html", context),
        "body": render_to_string("articles/story.html", context),
    }


def story_fingerprint(article: Article) -> str:
    """What the story's HTML is a function of besides the objects it loads:
    the article's last save, and today's date (an official's post reads
    "then ..." once it has ended)."""
    return f"{article.pk}:{article.updated_at.isoformat()}:{timezone.localdate().isoformat()}"


def article_story(article: Article) -> dict[str, str]:
    """The public story, cached by its content (pagecache.fragments): a
    page re-rendered because its related list, a menu or the clock moved
    reuses it; an edit to the article or to what it shows renders it anew."""
    return cached_fragment(
        name="article-story",
        fingerprint=story_fingerprint(article),
        render=lambda: render_story(load_article_page(article)),
    )


def article_page_context(article: Article, *, story: dict[str, str] | None = None) -> dict:
    """The context of the article page. Previews render the same template
    with the same context, so a preview is exactly what readers will see.
    Without ``story``, the article must be loaded with :func:`load_article_page`."""
    return {
        "article": article,
        "story": story or render_story(article),  # rendered templates: already safe HTML
        **page_meta(
            title=article.title,
            description=article.standfirst or (article.highlights[0] if article.highlights else ""),
            image=article.image_url("og") or article.image_url("large"),
            og_type="article",
        ),
    }


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = with_corrections_flag(Article.objects.published().filter(slug=slug).select_related("featured_image")).first()
    if article is None:
        old = ArticleRedirect.objects.filter(old_path=request.path).select_related("article").first()
        if old and Article.objects.published().filter(pk=old.article_id).exists():
            return HttpResponsePermanentRedirect(old.article.get_absolute_url())
        raise Http404("No such article")
    return render(request, "articles/detail.html", article_page_context(article, story=article_story(article)))


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # A tag only unpublished stories carry is as invisible as they are.
    tag = public_tags().filter(slug=slug).first()
    if tag is None:
        # A merged or renamed tag's old address.
        target = resolve_tag_redirect(slug)
        if target is None or not public_tags().filter(pk=target.pk).exists():
            raise Http404("No such topic")
        return HttpResponsePermanentRedirect(reverse("articles:topic", kwargs={"slug": target.slug}))
    page = _page(request, Article.objects.published().filter(tags=tag).for_listing())
    title = tag.name if page.number == 1 else f"{tag.name}, page {page.number}"
    meta = page_meta(title=title, description=f"Our reporting on {tag.name}: the latest news and analysis.")
    return render(request, "articles/topic.html", {"tag": tag, "page": page, **meta})


def topic_list(request: HttpRequest) -> HttpResponse:
    topics = (
        Tag.objects.filter(articles_taggedarticle_items__content_object__in=Article.objects.published().values("pk"))
        .annotate(coverage=Count("articles_taggedarticle_items"))
        .order_by("name")
    )
    meta = page_meta(title="Topics", description="Every topic we cover, with the number of stories on each.")
    return render(request, "articles/topic_list.html", {"topics": topics, **meta})


def _month_range(year: int, month: int | None) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    if month is None:
        start, end = datetime.datetime(year, 1, 1), datetime.datetime(year + 1, 1, 1)
    else:
        start = datetime.datetime(year, month, 1)
        end = datetime.datetime(year + (month == 12), month % 12 + 1, 1)
    return timezone.make_aware(start, tz), timezone.make_aware(end, tz)


def archive(request: HttpRequest, year: str, month: str | None = None) -> HttpResponse:
    y, m = int(year), (int(month) if month else None)
    if not 1900 <= y <= 9998 or (m is not None and not 1 <= m <= 12):
        raise Http404("No such month")
    start, end = _month_range(y, m)
    in_range = Article.objects.published().filter(published_at__gte=start, published_at__lt=end)
    page = _page(request, in_range.for_listing())
    months = []
    if m is None:
        counts = (
            in_range.order_by()
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(n=Count("id"))
            .order_by("month")
        )
        months = [
            {"number": row["month"].month, "name": calendar.month_name[row["month"].month], "count": row["n"]}
            for row in counts
        ]
    label = f"{calendar.month_name[m]} {y}" if m else str(y)
    years = [d.year for d in Article.objects.published().dates("published_at", "year", order="DESC")]
    context = {
        "years": years,
        "page": page,
        "year": y,
        "month": m,
        "label": label,
        "months": months,
        "year_url": reverse("articles:archive_year", args=[f"{y:04d}"]),
        **page_meta(
            title=f"Archive: {label}" + (f", page {page.number}" if page.number > 1 else ""),
            description=f"Everything we published in {label}.",
        ),
    }
    return render(request, "articles/archive.html", context)


def archive_index(request: HttpRequest) -> HttpResponse:
    """/archive/ has no page of its own: it opens the current year."""
    return redirect("articles:archive_year", year=f"{timezone.localdate().year:04d}")


def corrections(request: HttpRequest) -> HttpResponse:
    visible = Correction.objects.filter(article__in=Article.objects.published().values("pk"))
    page = _page(request, visible.select_related("article").only(
        "id", "kind", "text", "created_at", "article__id", "article__title", "article__slug",
    ).order_by("-created_at", "-id"))
    meta = page_meta(
        title="Corrections and updates" + (f", page {page.number}" if page.number > 1 else ""),
        description="Every correction and update we have made to our published stories, newest first.",
    )
    jsonld = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": "Corrections and updates",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": page.start_index() + i,
                "item": {
                    "@type": "CorrectionComment",
                    "text": c.text,
                    "datePublished": c.created_at.isoformat(),
                    "about": {"@type": "NewsArticle", "headline": c.article.title,
                              "url": absolute_url(c.article.get_absolute_url())},
                },
            }
            for i, c in enumerate(page.object_list)
        ],
    }
    return render(request, "articles/corrections.html", {"page": page, "jsonld": jsonld, **meta})


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "",
        f"Sitemap: {absolute_url(reverse('articles:sitemap-index'))}",
        f"Sitemap: {absolute_url(reverse('articles:sitemap-news'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
