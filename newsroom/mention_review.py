"""Editors' decisions on mention suggestions: accept (the entity is linked,
a new revision) or dismiss (never suggested again for that article)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .editing import article_save
from .mentions import ARTICLE_FIELDS, ENTITY_MODELS
from .models import MentionSuggestion
from .pending import pending_change
from .permissions import can_edit


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
    """Link the suggested entity to the article, as an edit through the
    workflow like any other: a draft is changed (a new revision), a live
    article gets the link in its pending change and readers see it once an
    editor publishes the change."""
    article = suggestion.article
    if not can_edit(user, article):
        raise PermissionDenied("You may not edit this article.")
    entity = suggestion_entity(suggestion)
    if suggestion.status != MentionSuggestion.Status.PENDING or entity is None:
        raise ValueError("This suggestion is no longer pending.")
    field = ARTICLE_FIELDS[suggestion.entity_type]
    with transaction.atomic():
        pending = pending_change(article)
        if pending is not None and field in pending.data:
            linked = list(pending.data[field] or [])  # what the article will read once published
        else:
            linked = list(getattr(article, field).values_list("pk", flat=True))
        if entity.pk not in linked:
            article_save(
                article=article, user=user, data={field: [*linked, entity.pk]}, expected_version=None,
                comment=f"Linked {entity.name} (mention suggestion).",
            )
        suggestion.status = MentionSuggestion.Status.ACCEPTED
        suggestion.decided_by, suggestion.decided_at = user, timezone.now()
        suggestion.save(update_fields=["status", "decided_by", "decided_at"])
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
