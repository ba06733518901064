"""Previews of unpublished articles: rendered with the public article
template, never cached and never indexed, for the newsroom in the admin and,
through a shareable link, for a reviewer without an account.

A share link's token is signed (django.core.signing, own salt) and carries
its expiry, so a tampered or stale token is refused before the database is
asked; the PreviewLink row it names is what lets an editor revoke it early.

A link also ends, whatever its expiry, when what it previews is gone or
public (``link_refusal``, checked on every visit):

* the article is in the trash (trashing also revokes its links for good, so
  restoring the article does not bring them back);
* its creator could no longer open the article in the admin (deactivated,
  deleted, no longer staff or a writer no longer on it): a link carries
  its creator's access and no more;
* the article was published since the link was made (its publish time
  came after the link, or it is public now and the link was made for it
  unpublished). The link then sends the visitor to the public page (302)
  while the article is public, and answers 404 if it is withdrawn again:
  the reviewer gets the story they were sent, and the link never turns
  into a window onto later unpublished edits of the live article. A link
  made for a live article (to show its pending changes) ends when the
  article stops being public.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from taggit.models import Tag

from articles.content import CONTENT_FIELDS, Kind
from articles.models import Article
from articles.views import article_page_context, load_article_page, positions_prefetch
from core.sanitize import sanitize_html
from entities.models import Official

from .models import PreviewLink
from .pending import pending_change
from .permissions import can_view

SALT = "articles.preview-link"
DEFAULT_MAX_AGE = 48 * 60 * 60


def link_max_age() -> int:
    """Lifetime of a new share link in seconds (setting PREVIEW_LINK_MAX_AGE)."""
    return int(getattr(settings, "PREVIEW_LINK_MAX_AGE", DEFAULT_MAX_AGE))


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def link_token(link: PreviewLink) -> str:
    # Deterministic, so the admin can show an active link again later.
    return _signer().sign_object({"t": link.token_id, "e": int(link.expires_at.timestamp())})


def link_url(link: PreviewLink, request: HttpRequest | None = None) -> str:
    """Absolute URL of a share link: on the host the editor is using, else
    on SITE_URL."""
    path = reverse("newsroom:preview", kwargs={"token": link_token(link)})
    return request.build_absolute_uri(path) if request is not None else settings.SITE_URL + path


class PreviewLinkRefused(Exception):
    """A share link cannot be made for this article (the message says why)."""


def create_preview_link(*, article: Article, user, max_age: int | None = None) -> PreviewLink:
    """A new share link for ``article``, valid ``max_age`` seconds (default
    PREVIEW_LINK_MAX_AGE). Only users who may see the article may share it,
    and never while it is in the trash (PreviewLinkRefused)."""
    if not can_view(user, article):
        raise PermissionDenied("You may not see this article.")
    if article.deleted_at is not None:
        raise PreviewLinkRefused("This article is in the trash: restore it before sharing a preview.")
    now = timezone.now()
    return PreviewLink.objects.create(
        token_id=secrets.token_urlsafe(24),
        article=article,
        created_by=user,
        created_at=now,
        expires_at=now + datetime.timedelta(seconds=max_age or link_max_age()),
        for_public=article.is_public,
    )


def end_preview_links(*, article: Article, user=None) -> int:
    """Revoke every active link of ``article`` (the trash calls this);
    returns how many."""
    now = timezone.now()
    return article.preview_links.filter(revoked_at__isnull=True, expires_at__gt=now).update(
        revoked_at=now, revoked_by=user
    )


def revoke_preview_link(*, link: PreviewLink, user) -> PreviewLink:
    if not can_view(user, link.article):
        raise PermissionDenied("You may not see this article.")
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), user
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def resolve_preview_token(token: str, *, now: datetime.datetime | None = None) -> PreviewLink | None:
    """The link a token names, if it is genuine, unexpired and not revoked;
    None otherwise (the caller answers 404 for all alike). Whether it may
    still show its article is ``link_refusal``'s answer."""
    now = now or timezone.now()
    try:
        data = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("e"), int) or data["e"] <= now.timestamp():
        return None
    link = (
        PreviewLink.objects.select_related("article", "created_by")
        .filter(token_id=str(data.get("t", "")))
        .first()
    )
    if link is None or not link.is_active(now):
        return None
    return link


def link_refusal(link: PreviewLink) -> str:
    """Why ``link`` may no longer show its article ("" when it may):
    "trashed", "creator" (its creator could not open the article now),
    "published" (public since the link was made: the public page is the
    preview now) or "withdrawn" (not public, and made for the live article
    or published since the link was made)."""
    article = link.article
    if article.deleted_at is not None:
        return "trashed"
    if link.created_by is None or not can_view(link.created_by, article):
        return "creator"
    if link.for_public:
        return "" if article.is_public else "withdrawn"
    published_since = article.published_at is not None and link.created_at < article.published_at <= timezone.now()
    if article.is_public:
        return "published"
    return "withdrawn" if published_since else ""


def active_links(article: Article) -> list[PreviewLink]:
    return list(
        article.preview_links.filter(revoked_at__isnull=True, expires_at__gt=timezone.now()).select_related(
            "created_by"
        )
    )


def with_pending_change(article: Article) -> tuple[Article, list[str]]:
    """``article`` (loaded with ``views.load_article_page``) as it will read
    once its pending change is published: the change's fields and relations
    laid over it in memory, nothing saved. Returns the article and the names
    of the fields the change holds ([] when there is none)."""
    pending = pending_change(article)
    if pending is None:
        return article, []
    data = dict(pending.data)
    cache = getattr(article, "_prefetched_objects_cache", None)
    if cache is None:
        cache = article._prefetched_objects_cache = {}
    for spec in CONTENT_FIELDS:
        if spec.name not in data:
            continue
        value = data[spec.name]
        if spec.kind is Kind.IMAGE:
            setattr(article, spec.name, spec.model.objects.filter(pk=value).first() if value else None)
        elif spec.kind is Kind.TAGS:
            names = list(value or [])
            known = {t.name: t for t in Tag.objects.filter(name__in=names)}
            # A tag the change introduces gets the slug it will have (its topic
            # page exists once the change is published).
            cache[spec.name] = [known.get(n) or Tag(name=n, slug=Tag().slugify(n) or "tag") for n in names]
        elif spec.kind is Kind.BYLINE:
            authors = spec.model.objects.in_bulk(value or [])
            cache["authors"] = [authors[pk] for pk in value or [] if pk in authors]
        elif spec.kind is Kind.RELATION:
            qs = spec.model.objects.filter(pk__in=value or []).order_by("name")
            if spec.model is Official:  # the page labels each with the post held then
                qs = qs.prefetch_related(positions_prefetch())
            cache[spec.name] = list(qs)
        else:
            setattr(article, spec.name, value)
    article.body = sanitize_html(article.body)  # as save() would
    return article, sorted(data)


def render_preview(request: HttpRequest, article: Article, *, note: str) -> HttpResponse:
    """``article`` exactly as readers would see it on its public page, plus a
    visible Preview banner, ``noindex`` in the page and its headers, and
    headers that keep every cache (ours, proxies, the browser's) out. A live
    article with unpublished changes is shown with those changes."""
    article, pending_fields = with_pending_change(load_article_page(Article.objects.get(pk=article.pk)))
    if pending_fields:
        note = f"{note} Shown with its unpublished changes ({', '.join(pending_fields)}); readers still see the live version."
    context = {**article_page_context(article), "preview_note": note, "is_preview": True}
    response = render(request, "articles/preview.html", context)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the URL: do not hand it to sites the article links to.
    response["Referrer-Policy"] = "no-referrer"
    return response
