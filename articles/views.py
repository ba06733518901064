from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from core.pagination import page_or_404
from entities.models import Position

from .models import Article, ArticleRedirect, TaggedArticle

PAGE_SIZE = 20


def _page(request: HttpRequest, queryset, per_page: int = PAGE_SIZE):
    """The requested page; a bad or out-of-range page number is a 404."""
    return page_or_404(request, queryset, per_page)


def home(request: HttpRequest) -> HttpResponse:
    page = _page(request, Article.objects.published().for_listing())
    return render(request, "articles/home.html", {"page": page})


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    qs = Article.objects.published().prefetch_related(
        "authors",
        "tags",
        Prefetch("officials__positions", queryset=Position.objects.select_related("enterprise", "regulator")),
        "enterprises",
        "regulators",
        "corrections",
    )
    article = qs.filter(slug=slug).first()
    if article is None:
        redirect = ArticleRedirect.objects.filter(old_path=request.path).select_related("article").first()
        if redirect and Article.objects.published().filter(pk=redirect.article_id).exists():
            return HttpResponsePermanentRedirect(redirect.article.get_absolute_url())
        raise Http404("No such article")
    # A semi-join (IN), not a DISTINCT join: PostgreSQL walks the newest-first
    # index and stops at five instead of sorting every article of a big topic.
    tag_ids = [t.pk for t in article.tags.all()]
    related = (
        Article.objects.published()
        .filter(pk__in=TaggedArticle.objects.filter(tag_id__in=tag_ids).values("content_object_id"))
        .exclude(pk=article.pk)
        .for_listing()[:5]
    )
    return render(request, "articles/detail.html", {"article": article, "related": related})


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, Article.objects.published().filter(tags=tag).for_listing())
    return render(request, "articles/topic.html", {"tag": tag, "page": page})
