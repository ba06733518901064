from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.models import Article
from articles.views import _page

from .models import Enterprise, Official, Regulator


def official_detail(request: HttpRequest, slug: str) -> HttpResponse:
    official = get_object_or_404(
        Official.objects.prefetch_related("positions__enterprise", "positions__regulator"), slug=slug
    )
    page = _page(request, Article.objects.published().filter(officials=official).for_listing())
    return render(request, "entities/official_detail.html", {"entity": official, "page": page})


def enterprise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    enterprise = get_object_or_404(Enterprise.objects.select_related("parent", "regulator"), slug=slug)
    page = _page(request, Article.objects.published().filter(enterprises=enterprise).for_listing())
    return render(request, "entities/enterprise_detail.html", {"entity": enterprise, "page": page})


def regulator_detail(request: HttpRequest, slug: str) -> HttpResponse:
    regulator = get_object_or_404(Regulator.objects.select_related("parent"), slug=slug)
    page = _page(request, Article.objects.published().filter(regulators=regulator).for_listing())
    return render(request, "entities/regulator_detail.html", {"entity": regulator, "page": page})
