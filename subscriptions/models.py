"""Readers who follow people, organisations, topics or authors by email.

What is stored about a reader is what the issue allows and nothing else: the
address, the follows (each with its rhythm), the consent time (``confirmed_at``)
and, for an address that bounced or complained, when and why mail to it
stopped. Deliveries are the send log: one row per recipient and edition, under
a unique constraint, so a worker that dies and runs again sends each edition
to each reader once.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from taggit.models import Tag

from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Regulator


class Rhythm(models.TextChoices):
    INSTANT = "instant", "As it happens"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class Subscriber(models.Model):
    email = models.EmailField(max_length=254, unique=True, help_text="Stored lower-cased.")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the reader confirmed by the emailed link: the consent time."
    )
    suppressed_at = models.DateTimeField(null=True, blank=True, help_text="Mail stopped: hard bounce or complaint.")
    suppressed_reason = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["email"]
        permissions = [("send_test_digest", "Can send a test briefing to themselves")]

    def __str__(self) -> str:
        return self.email

    @property
    def mailable(self) -> bool:
        return self.confirmed_at is not None and self.suppressed_at is None


class Follow(models.Model):
    """One followed thing. Exactly one target column is set, the one ``kind``
    names (none for the whole site's briefing); a deleted entity takes its
    follows with it."""

    class Kind(models.TextChoices):
        SITE = "site", "The daily briefing (everything we publish)"
        OFFICIAL = "official", "Official"
        ENTERPRISE = "enterprise", "Enterprise"
        REGULATOR = "regulator", "Regulator"
        TOPIC = "topic", "Topic"
        AUTHOR = "author", "Author"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    official = models.ForeignKey(Official, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    enterprise = models.ForeignKey(Enterprise, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    regulator = models.ForeignKey(Regulator, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(AuthorProfile, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    rhythm = models.CharField(max_length=10, choices=Rhythm.choices, default=Rhythm.DAILY)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            # NULLs are distinct in a plain unique index (SQLite, PostgreSQL < 15): coalesced, one
            # expression index holds on both.
            models.UniqueConstraint(
                "subscriber", "kind", *(Coalesce(column, Value(0)) for column in
                                        ("official", "enterprise", "regulator", "tag", "author")),
                name="follow_once",
            ),
            models.CheckConstraint(
                name="follow_target_matches_kind",
                condition=(
                    models.Q(kind="site", official=None, enterprise=None, regulator=None, tag=None, author=None)
                    | models.Q(kind="official", official__isnull=False, enterprise=None, regulator=None, tag=None,
                               author=None)
                    | models.Q(kind="enterprise", enterprise__isnull=False, official=None, regulator=None, tag=None,
                               author=None)
                    | models.Q(kind="regulator", regulator__isnull=False, official=None, enterprise=None, tag=None,
                               author=None)
                    | models.Q(kind="topic", tag__isnull=False, official=None, enterprise=None, regulator=None,
                               author=None)
                    | models.Q(kind="author", author__isnull=False, official=None, enterprise=None, regulator=None,
                               tag=None)
                ),
            ),
        ]
        indexes = [models.Index(fields=["rhythm", "subscriber"], name="follow_rhythm_idx")]

    def __str__(self) -> str:
        target = self.target
        return str(target) if target is not None else "The daily briefing"

    @property
    def target(self):
        """The followed row (None for the site's briefing)."""
        field = TARGET_FIELDS.get(self.kind)
        return getattr(self, field) if field else None


# Which column holds the followed row, by kind.
TARGET_FIELDS = {"official": "official", "enterprise": "enterprise", "regulator": "regulator", "topic": "tag",
                 "author": "author"}


class DigestEdition(models.Model):
    """One daily or weekly issue: the window of publication it covers. The
    next edition starts where the last one ended, so nothing falls between."""

    rhythm = models.CharField(max_length=10, choices=Rhythm.choices)
    key = models.CharField(max_length=40, unique=True)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True, help_text="Every recipient's delivery is in the log.")

    class Meta:
        ordering = ["-window_end"]

    def __str__(self) -> str:
        return self.key


class Delivery(models.Model):
    """The send log: one message to one reader."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirmation"
        DIGEST = "digest", "Digest"
        ALERT = "alert", "Alert"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        EMPTY = "empty", "Not sent: nothing left to send"
        SKIPPED = "skipped", "Not sent: address stopped"
        FAILED = "failed", "Failed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=60, help_text="The edition, alert window or confirmation it is for.")
    edition = models.ForeignKey(DigestEdition, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # The stories and why, chosen when queued (targets.pack_items); filtered
    # again through published() when sent, so a withdrawn article is left out.
    items = models.JSONField(default=dict, blank=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    articles_sent = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        constraints = [models.UniqueConstraint(fields=["subscriber", "key"], name="delivery_once")]
        indexes = [
            models.Index(fields=["edition", "status"], name="delivery_edition_status_idx"),
            models.Index(fields=["kind", "status"], name="delivery_kind_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"


class ScheduledRun(models.Model):
    """One row per recurring job (the daily and weekly digests, the hourly
    clean-up): when its next run is due. The queued task carries that moment;
    a task whose moment is no longer the row's is a stray copy and stops, so
    one chain of runs exists per job however often it is seeded."""

    job = models.CharField(max_length=40, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_due = models.DateTimeField(null=True, blank=True, help_text="The moment of the run last claimed.")

    class Meta:
        ordering = ["job"]

    def __str__(self) -> str:
        return f"{self.job} at {self.next_run_at:%Y-%m-%d %H:%M}"
