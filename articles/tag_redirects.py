"""Old topic URLs: a merged or renamed tag leaves its old slug behind
(``newsroom.tags``); the topic page answers it with a 301."""

from __future__ import annotations

from taggit.models import Tag

from .models import TagRedirect


def resolve_tag_redirect(slug: str) -> Tag | None:
    """The tag an old topic slug now points to, or None."""
    redirect = TagRedirect.objects.select_related("tag").filter(old_slug=slug).first()
    return redirect.tag if redirect else None
