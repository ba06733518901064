from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.models import Article
from articles.views import _page
from core.seo import absolute_url, page_meta

from .models import AuthorProfile


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(AuthorProfile, slug=slug)
    page = _page(request, Article.objects.published().filter(authors=author).for_listing())
    title = author.display_name if page.number == 1 else f"{author.display_name}, page {page.number}"
    description = author.bio or f"Articles by {author.display_name}" + (f", {author.role}." if author.role else ".")
    jsonld = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "mainEntity": {
            "@type": "Person",
            "name": author.display_name,
            "url": absolute_url(author.get_absolute_url()),
            **({"jobTitle": author.role} if author.role else {}),
            **({"image": absolute_url(author.photo_url())} if author.photo_renditions.get("thumb") else {}),
        },
    }
    context = {"author": author, "page": page, "jsonld": jsonld,
               **page_meta(title=title, description=description, image=author.photo_url(), og_type="profile")}
    return render(request, "authors/detail.html", context)
