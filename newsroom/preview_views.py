"""The public end of a shareable preview link: /preview/<token>/."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .previews import link_refusal, render_preview, resolve_preview_token


@never_cache
def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """The article a valid link names; 404 for a tampered, expired, revoked
    or ended link alike, so a guessed token learns nothing. A link to an
    article published since sends the visitor to its public page."""
    link = resolve_preview_token(token)
    if link is None:
        raise Http404("This preview link is not valid.")
    refusal = link_refusal(link)
    if refusal == "published":
        return HttpResponseRedirect(link.article.get_absolute_url())
    if refusal:
        raise Http404("This preview link is not valid.")
    expires = timezone.localtime(link.expires_at)
    state = "This live article is shown as it will read." if link.for_public else "This article is not published."
    return render_preview(
        request, link.article,
        note=f"{state} This private link works until {expires:%d %B %Y, %H:%M %Z}; please do not share it.",
    )
