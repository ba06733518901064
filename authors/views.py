from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.models import Article
from articles.views import _page

from .models import AuthorProfile


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(AuthorProfile, slug=slug)
    page = _page(request, Article.objects.published().filter(authors=author).for_listing())
    return render(request, "authors/detail.html", {"author": author, "page": page})
