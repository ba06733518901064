"""The desk's records: preview links, the audit trail, edits held aside from
the live article, and mention suggestions. Content itself lives in
``articles.models``."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from articles.models import Article


class PreviewLink(models.Model):
    """A shareable, expiring link to preview an unpublished article without an
    account. The URL carries a signed token (see ``newsroom/previews.py``);
    this row is what lets an editor revoke it before it expires."""

    token_id = models.CharField(max_length=64, unique=True, editable=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whether the article was public when the link was made (it then shares
    # the live article's pending changes). A link ends when the article
    # crosses publication either way (newsroom/previews.py).
    for_public = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Preview link for {self.article} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class AuditEntry(models.Model):
    """One step in an article's editorial life: who did what, when, from
    which state to which, and why. Written only by the services in
    ``newsroom/`` (workflow, editing, trash, revert). Kept when the article is purged from the trash (``article_title`` says
    what it was)."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        SAVED = "saved", "Saved"
        SUBMITTED = "submitted", "Submitted for review"
        SENT_BACK = "sent_back", "Sent back"
        PUBLISHED = "published", "Published"
        CHANGES_PUBLISHED = "changes_published", "Published changes"
        CHANGES_DISCARDED = "changes_discarded", "Discarded unpublished changes"
        SCHEDULED = "scheduled", "Scheduled"
        AUTO_PUBLISHED = "auto_published", "Published at its scheduled time"
        # Written by the clock (newsroom/clock.py), dated at the moment itself.
        WENT_LIVE = "went_live", "Went live at its scheduled time"
        EXPIRED = "expired", "Expired (off the site at its expiry time)"
        ARCHIVED = "archived", "Unpublished (archived)"
        EDIT_CONFLICT = "edit_conflict", "Edit refused (conflict)"
        TRASHED = "trashed", "Moved to trash"
        RESTORED = "restored", "Restored from trash"
        REVERTED = "reverted", "Reverted to an earlier revision"
        IMPORTED = "imported", "Imported"

    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    article_title = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    from_state = models.CharField(max_length=20, choices=Article.Status.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=Article.Status.choices, blank=True)
    comment = models.TextField(blank=True)
    override_reason = models.TextField(
        blank=True, help_text="Why the editor published despite pre-publish warnings."
    )
    changed_fields = models.JSONField(default=list, blank=True)
    # The article's version after this step; edit-conflict messages read the
    # entries above the version a form was loaded at.
    version = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        indexes = [models.Index(fields=["article", "-created_at"], name="audit_article_idx")]
        constraints = [
            # The clock's entries are dated at their moment: the task that
            # writes them may run twice for one moment and still leaves one.
            models.UniqueConstraint(
                fields=["article", "action", "created_at"], condition=models.Q(action__in=["went_live", "expired"]),
                name="one_clock_entry_per_moment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.article_title}"


class PendingChange(models.Model):
    """Edited content held aside from the live row.

    ``pending``: an edit of a live article; readers keep seeing the live
    version until an editor publishes the change (one per article).
    ``rejected``: the text of a save refused by an edit conflict, kept so
    nothing typed is lost."""

    class Kind(models.TextChoices):
        PENDING = "pending", "Unpublished change"
        REJECTED = "rejected", "Text kept from a refused save"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pending_changes")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PENDING)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    base_version = models.PositiveIntegerField(help_text="The article version this text was edited from.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article"], condition=models.Q(kind="pending"), name="one_pending_change_per_article"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.article}"


class MentionSuggestion(models.Model):
    """A followed entity whose name (or alias, or native-script name) was
    found in an article's text but is not linked to it yet. Editors accept it
    (the link is added) or dismiss it (it is never suggested again for that
    article). Refreshed by ``newsroom.mentions.suggest_mentions``."""

    class EntityType(models.TextChoices):
        OFFICIAL = "official", "Official"
        ENTERPRISE = "enterprise", "Enterprise"
        REGULATOR = "regulator", "Regulator"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mention_suggestions")
    entity_type = models.CharField(max_length=20, choices=EntityType.choices)
    entity_id = models.PositiveBigIntegerField()
    matched_text = models.CharField(max_length=200, help_text="The words found in the article, as written there.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["entity_type", "matched_text", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "entity_type", "entity_id"], name="unique_mention_suggestion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.matched_text} ({self.entity_type} #{self.entity_id}) in article #{self.article_id}"


class Autosave(models.Model):
    """A writer's unsaved text of an article, posted by the edit page every
    few seconds (``newsroom.autosave``): one per user and article, never a
    revision, never laid onto the article; offered back when that user opens
    the article again, on any device. ``base_version`` is the version the
    text was typed on: once the article has moved past it, the text is
    kept but flagged, and restoring it meets the optimistic lock.

    Without an article it is a new story a writer has started on the add
    page and not yet saved (one per user): the first save of an article by
    that user from the add page ends it; it never becomes an article itself."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="autosaves", null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    base_version = models.PositiveIntegerField()
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_autosave_per_user_article"),
            # NULLs are distinct in the constraint above: new stories need their own.
            models.UniqueConstraint(fields=["user"], condition=models.Q(article__isnull=True),
                                    name="one_new_story_autosave_per_user"),
        ]

    def __str__(self) -> str:
        return f"Unsaved text of {self.article or 'a new story'} by {self.user}"

    @property
    def conflicting(self) -> bool:
        """Someone saved the article after this text was started."""
        return self.article is not None and self.base_version < self.article.version
