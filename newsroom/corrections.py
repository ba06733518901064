"""Corrections and update notes on published articles: each one a dated
record tied to the revision of the text it was made to, shown to readers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles import events
from articles.models import Article, Correction

from .permissions import can_edit, is_editor
from .revisions import save_revision

MAX_LENGTH = 2000


def may_correct(user, article: Article) -> bool:
    """Editors only, on articles readers have been able to see."""
    was_public = (
        article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED, Article.Status.ARCHIVED)
        and article.published_at is not None
        and article.published_at <= timezone.now()
    )
    return was_public and is_editor(user) and can_edit(user, article)


def add_correction(*, article: Article, user, text: str, kind: str = Correction.Kind.CORRECTION) -> Correction:
    """Add a correction (or update note) to ``article`` by ``user``.

    The article's current text is recorded as a revision first and the note
    is tied to it, so "what did the article say when we corrected it" has an
    answer. Public pages and feeds are refreshed once the transaction
    commits."""
    if not may_correct(user, article):
        raise PermissionDenied("Only editors may add corrections, and only to published articles.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Say what was wrong and what is right now."})
    if len(text) > MAX_LENGTH:
        raise ValidationError({"text": f"Keep it under {MAX_LENGTH} characters."})
    if kind not in Correction.Kind.values:
        raise ValidationError({"kind": "Choose correction or update."})
    with transaction.atomic():
        label = Correction.Kind(kind).label.lower()
        version = save_revision(article=article, user=user, comment=f"Text at the time of a {label}: {text[:120]}")
        correction = Correction.objects.create(
            article=article, kind=kind, text=text, created_by=user,
            revision_id=version.pk if version is not None else None,
        )
        article_id = article.pk
        transaction.on_commit(lambda: events.public_content_changed(article_ids=[article_id], reason="correction"))
    return correction
