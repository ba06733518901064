"""The public end of a shareable preview link: /preview/<token>/."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .previews import render_preview, resolve_preview_token


@never_cache
def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """The article a valid link names; 404 for a tampered, expired or revoked
    link alike, so a guessed token learns nothing."""
    link = resolve_preview_token(token)
    if link is None:
        raise Http404("This preview link is not valid.")
    expires = timezone.localtime(link.expires_at)
    return render_preview(
        request, link.article,
        note=f"This article is not published. This private link works until {expires:%d %B %Y, %H:%M %Z}; "
             "please do not share it.",
    )
