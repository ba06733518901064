"""Editors' decisions on mention suggestions: accept (the entity is linked,
a new revision) or dismiss (never suggested again for that article)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles import events

from .mentions import ARTICLE_FIELDS, ENTITY_MODELS
from .models import MentionSuggestion
from .permissions import can_edit
from .revisions import save_revision


def suggestion_entity(suggestion: MentionSuggestion):
    """The suggested entity, or None if it was deleted since."""
    return ENTITY_MODELS[suggestion.entity_type].objects.filter(pk=suggestion.entity_id).first()


def pending_with_entities(article) -> list[tuple[MentionSuggestion, object]]:
    """Pending suggestions with their entities (three queries at most)."""
    pending = list(article.mention_suggestions.filter(status=MentionSuggestion.Status.PENDING))
    by_type: dict[str, set[int]] = {}
    for s in pending:
        by_type.setdefault(s.entity_type, set()).add(s.entity_id)
    entities = {t: ENTITY_MODELS[t].objects.in_bulk(ids) for t, ids in by_type.items()}
    return [(s, entities[s.entity_type][s.entity_id]) for s in pending if s.entity_id in entities[s.entity_type]]


def accept_suggestion(*, suggestion: MentionSuggestion, user) -> MentionSuggestion:
    """Link the suggested entity to the article (a new revision)."""
    article = suggestion.article
    if not can_edit(user, article):
        raise PermissionDenied("You may not edit this article.")
    entity = suggestion_entity(suggestion)
    if suggestion.status != MentionSuggestion.Status.PENDING or entity is None:
        raise ValueError("This suggestion is no longer pending.")
    with transaction.atomic():
        getattr(article, ARTICLE_FIELDS[suggestion.entity_type]).add(entity)
        suggestion.status = MentionSuggestion.Status.ACCEPTED
        suggestion.decided_by, suggestion.decided_at = user, timezone.now()
        suggestion.save(update_fields=["status", "decided_by", "decided_at"])
        save_revision(article=article, user=user, comment=f"Linked {entity.name} (mention suggestion).")
        if article.is_public:
            transaction.on_commit(
                lambda: events.public_content_changed(article_ids=[article.pk], reason="mention")
            )
    return suggestion


def dismiss_suggestion(*, suggestion: MentionSuggestion, user) -> MentionSuggestion:
    """Never suggest this entity for this article again."""
    if not can_edit(user, suggestion.article):
        raise PermissionDenied("You may not edit this article.")
    if suggestion.status != MentionSuggestion.Status.PENDING:
        raise ValueError("This suggestion is no longer pending.")
    suggestion.status = MentionSuggestion.Status.DISMISSED
    suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    return suggestion
