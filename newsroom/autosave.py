"""Autosave on the server: the edit page posts a writer's unsaved text every
few seconds, kept as one record per user and article (``models.Autosave``)
until that user saves the article or discards it. It is never a revision and
never touches the article: nothing is published, and a save by someone else
is never overwritten. Restoring only fills the form; the save that follows
carries the version the text was typed on, so the optimistic lock in
``editing.article_save`` decides (a text based on an old version is kept and
flagged as ``conflicting`` meanwhile).

On the add page (``article=None``) the record is the user's new story,
one per user: it never creates an article; the add page's first save ends
it (``admin_autosave``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.content import Kind, of_kind
from articles.models import Article
from core.sanitize import sanitize_html

from .models import Autosave
from .permissions import can_edit

# What is typed: the text fields of the one list of content fields (tags,
# mentions, the byline and the picture are chosen, and saved with the form).
AUTOSAVED_FIELDS = tuple(f.name for f in of_kind(Kind.TEXT, Kind.LINES, Kind.RICH))
# A longer body than any story; past it a post is cut, not refused.
MAX_CHARS = 500_000


def may_start_story(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm("articles.add_article"))


def store_autosave(*, article: Article | None, user, fields: dict[str, Any], base_version: int) -> Autosave:
    """Keep ``user``'s unsaved text of ``article``, or of a new story with
    ``article=None`` (replacing their previous one). Raises PermissionDenied
    unless the user may edit the article now (or add articles)."""
    if not (can_edit(user, article) if article is not None else may_start_story(user)):
        raise PermissionDenied("You may not edit this article." if article is not None else "You may not add articles.")
    data = {}
    for name in AUTOSAVED_FIELDS:
        if name in fields:
            value = str(fields[name] or "")[:MAX_CHARS]
            # The body goes back into the editor: the same sanitizer as a save.
            data[name] = sanitize_html(value) if name == "body" else value
    autosave, _ = Autosave.objects.update_or_create(
        article=article, user=user,
        defaults={"data": data, "base_version": int(base_version) if article is not None else 0,
                  "saved_at": timezone.now()},
    )
    return autosave


def autosave_for(*, article: Article | None, user) -> Autosave | None:
    autosave = Autosave.objects.filter(article=article, user=user).first()
    if autosave is not None and article is not None:
        autosave.article = article  # ``conflicting`` compares with this row's version
    return autosave


def discard_autosave(*, article: Article | None, user) -> None:
    Autosave.objects.filter(article=article, user=user).delete()
