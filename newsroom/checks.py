"""Pre-publish checks: what is missing or weak before an article goes live.

Blocking issues refuse publication outright (readers would get a broken or
inaccessible page); warnings may be overridden by an editor, who must give a
reason that is kept in the audit trail. The checks read the content that
*will* be published: the live row with any unpublished change laid over it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from articles.models import Article, ArticleRedirect
from images.models import LibraryImage

HEADLINE_MAX = 110

_HREF = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*["']\s*[^"'\s][^"']*["']""", re.IGNORECASE)
_ARTICLE_PATH = re.compile(r"^/articles/([^/?#]+)/?$")


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    blocking: bool

    @property
    def level(self) -> str:
        return "error" if self.blocking else "warning"


def run_checks(
    article: Article, *, data: dict[str, Any] | None = None, publish_at: datetime.datetime | None = None
) -> list[Issue]:
    """All issues of ``article`` as it would be published (``data``: an
    unpublished change to lay over it), blocking ones first."""
    c = _content(article, data or {})
    publish_at = publish_at or timezone.now()
    issues: list[Issue] = []

    def add(code: str, message: str, *, blocking: bool = False) -> None:
        issues.append(Issue(code, message, blocking))

    if not c["title"].strip():
        add("no_title", "The headline is empty.", blocking=True)
    if not _text(c["body"]):
        add("no_body", "The body is empty.", blocking=True)
    if c["has_image"] and not c["image_alt"].strip():
        add("image_alt", "The featured image has no alt text.", blocking=True)
    body_imgs_without_alt = sum(1 for tag in _IMG.findall(c["body"]) if not _ALT.search(tag))
    if body_imgs_without_alt:
        add("body_image_alt", f"{body_imgs_without_alt} image(s) in the body have no alt text.", blocking=True)
    for href, why in _broken_internal_links(c["body"], article, publish_at):
        add("broken_link", f"Internal link {href} is broken: {why}.", blocking=True)
    if article.expires_at and article.expires_at <= publish_at:
        add("expired", "The expiry time is not after the publication time.", blocking=True)

    if len(c["title"]) > HEADLINE_MAX:
        add("long_headline", f"The headline is {len(c['title'])} characters; keep it under {HEADLINE_MAX}.")
    if not c["standfirst"].strip():
        add("no_standfirst", "There is no standfirst.")
    if not c["highlights"]:
        add("no_highlights", "There are no highlights.")
    if not c["byline_count"]:
        add("no_byline", "There is no byline.")
    if not c["tags"]:
        add("no_tags", "There are no tags.")
    if not c["entity_count"]:
        add("no_entities", "No official, enterprise or regulator is linked.")
    return sorted(issues, key=lambda i: not i.blocking)


def blocking(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.blocking]


def warnings(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if not i.blocking]


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html or "").strip()


def _content(article: Article, data: dict[str, Any]) -> dict[str, Any]:
    def pick(name: str, default: Any) -> Any:
        return data.get(name, default)

    if article.pk:
        tags = pick("tags", None)
        if tags is None:
            tags = [t.name for t in article.tags.all()]
        entity_count = sum(
            len(data[f]) if f in data else getattr(article, f).count()
            for f in ("officials", "enterprises", "regulators")
        )
        byline_count = len(data["bylines"]) if "bylines" in data else article.bylines.count()
    else:
        tags, entity_count, byline_count = data.get("tags", []), 0, len(data.get("bylines", []))
    chosen = pick("featured_image", article.featured_image_id)  # a library image or its id
    image_id = getattr(chosen, "pk", chosen)
    if image_id == article.featured_image_id:
        image = article.featured_image
    else:
        image = LibraryImage.objects.filter(pk=image_id).first() if image_id else None
    return {
        "title": pick("title", article.title) or "",
        "standfirst": pick("standfirst", article.standfirst) or "",
        "highlights": [h for h in pick("highlights", article.highlights) or [] if str(h).strip()],
        "body": pick("body", article.body) or "",
        "tags": tags,
        "entity_count": entity_count,
        "byline_count": byline_count,
        "has_image": bool(image),
        "image_alt": image.alt_text if image else "",
    }


def _broken_internal_links(body: str, article: Article, at: datetime.datetime) -> list[tuple[str, str]]:
    """Links to /articles/<slug>/ (relative or on this site) whose target a
    reader could not open at ``at``."""
    site_host = urlsplit(settings.SITE_URL).netloc
    wanted: dict[str, str] = {}
    for href in _HREF.findall(body or ""):
        parts = urlsplit(href)
        if parts.netloc and parts.netloc != site_host:
            continue
        match = _ARTICLE_PATH.match(parts.path)
        if match:
            wanted.setdefault(match.group(1), href)
    if not wanted:
        return []
    visible = set(Article.objects.published(now=at).filter(slug__in=wanted).values_list("slug", flat=True))
    if article.slug in wanted:
        visible.add(article.slug)  # a link to itself goes live with it
    missing = [s for s in wanted if s not in visible]
    redirected = set(
        ArticleRedirect.objects.filter(
            old_path__in=[f"/articles/{s}/" for s in missing], article__in=Article.objects.published(now=at)
        ).values_list("old_path", flat=True)
    )
    existing = set(Article.objects.filter(slug__in=missing).values_list("slug", flat=True))
    broken = []
    for slug in missing:
        if f"/articles/{slug}/" in redirected:
            continue
        why = "that article is not published" if slug in existing else "no article has that address"
        broken.append((wanted[slug], why))
    return broken
