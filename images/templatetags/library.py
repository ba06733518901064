"""Library images placed in a story's body, rendered for readers."""

import re

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from images.models import LibraryImage

register = template.Library()

# Bodies are sanitized on save (core/sanitize.py), which writes a placed
# image as exactly <figure data-library-image="ID">…</figure> and never nests
# figures; the stored <img> inside is the editor's preview (and what feeds
# show), replaced here by the library's current figure.
_FIGURE = re.compile(r'<figure data-library-image="(\d+)">.*?</figure>', re.S)


@register.filter
def library_figures(html: str) -> SafeString:
    """Sanitized body HTML with each placed library image as a responsive
    ``<figure>``: WebP and fallback renditions in ``srcset``, width and
    height, lazy loading, caption and credit. One query for all of them; an
    image deleted from the library leaves no empty frame."""
    html = html or ""
    ids = {int(i) for i in _FIGURE.findall(html)}
    if not ids:
        return mark_safe(html)
    images = LibraryImage.objects.in_bulk(ids)

    def figure(match: re.Match) -> str:
        image = images.get(int(match.group(1)))
        return render_to_string("images/figure.html", {"image": image}) if image else ""

    return mark_safe(_FIGURE.sub(figure, html))
