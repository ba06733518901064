"""The newsroom's content: articles and what hangs off them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core.fields import RichTextField
from core.sanitize import sanitize_html
from core.slugs import unique_slug
from entities.models import Enterprise, Official, Regulator

from .querysets import EXPIRED, STATE_LABELS, ArticleQuerySet, ArticleStatus


class TaggedArticle(TaggedItemBase):
    """Through model for article tags: a real foreign key (not a generic
    one), so tag pages and counts are plain indexed joins."""

    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")]
        indexes = [models.Index(fields=["tag", "content_object"])]


class Article(models.Model):
    """A news story with its highlights, body, byline, tags and the people and
    organisations it mentions. ``status`` is changed only by the workflow
    services in ``newsroom/`` (``workflow.py``, ``trash.py``)."""

    Status = ArticleStatus

    title = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=255, unique=True, blank=True, help_text="The URL of the article; filled from the title if empty."
    )
    standfirst = models.TextField("standfirst", blank=True, help_text="One or two sentences under the headline.")
    highlights = models.JSONField(
        default=list, blank=True, help_text="Key points, shown as a bulleted list above the body."
    )
    body = RichTextField(
        blank=True, help_text="The story. Pasted text keeps its headings, lists, links and tables; styles are dropped.",
    )
    authors = models.ManyToManyField(
        "authors.AuthorProfile", through="ArticleAuthor", related_name="articles", blank=True
    )
    # A picture from the image library, with its alt text, caption, credit,
    # focal point and renditions (the card and link-preview crops keep the
    # focal point in frame); one picture may lead several stories.
    featured_image = models.ForeignKey(
        "images.LibraryImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="featured_in",
        help_text="Choose a picture from the image library (upload new ones there, with alt text and credit).",
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        "publish date", null=True, blank=True, db_index=True,
        help_text="When the article is (or will be) public.",
    )
    expires_at = models.DateTimeField(
        "expiry", null=True, blank=True, help_text="Optional: the article stops being public at this time."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set by the workflow when a published article's content changes, so
    # readers see "Updated" only for real revisions, not every save.
    content_updated_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles_created"
    )
    # Optimistic locking: every save through the workflow bumps it.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Trash: a deleted article is hidden everywhere and purged after 30 days.
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    tags = TaggableManager(through=TaggedArticle, blank=True)
    officials = models.ManyToManyField(Official, blank=True, related_name="articles")
    enterprises = models.ManyToManyField(Enterprise, blank=True, related_name="articles")
    regulators = models.ManyToManyField(Regulator, blank=True, related_name="articles")

    # Where an imported article came from: matched on re-import.
    source_id = models.CharField(max_length=500, null=True, blank=True, unique=True)
    source_url = models.URLField(max_length=1000, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_visibility_idx"),
            models.Index(fields=["-published_at", "-id"], name="article_newest_idx"),
            # Importers match re-imported articles by their old URL.
            models.Index(fields=["source_url"], name="article_source_url_idx"),
            # Lets the joins behind topic, profile and author lists test "is
            # this article visible?" from the index alone (PostgreSQL; SQLite
            # has no INCLUDE and gets a plain index on id).
            models.Index(
                fields=["id"], include=["status", "published_at", "expires_at", "deleted_at"],
                name="article_visible_cover_idx",
            ),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule, unpublish and archive articles"),
            ("edit_any_article", "Can edit articles by other writers"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.title, max_length=255)
        self.body = sanitize_html(self.body)
        self.highlights = [h.strip() for h in (self.highlights or []) if isinstance(h, str) and h.strip()]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    # The featured picture as readers' pages, feeds and the API read it;
    # lists select_related("featured_image") so these cost no query.
    @property
    def featured_image_renditions(self) -> dict:
        return self.featured_image.renditions if self.featured_image_id else {}

    @property
    def featured_image_alt(self) -> str:
        return self.featured_image.alt_text if self.featured_image_id else ""

    @property
    def featured_image_caption(self) -> str:
        return self.featured_image.caption if self.featured_image_id else ""

    @property
    def featured_image_credit(self) -> str:
        return self.featured_image.credit if self.featured_image_id else ""

    def image_url(self, name: str = "large") -> str:
        return self.featured_image.rendition_url(name) if self.featured_image_id else ""

    @property
    def is_public(self) -> bool:
        now = timezone.now()
        return (
            self.deleted_at is None
            and self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    def state(self, now: datetime.datetime | None = None) -> str:
        """The state the desk shows, read from the clock as ``published()``
        reads it: a scheduled story whose time has come is published, a
        listed one past its expiry has expired. The stored ``status`` stays
        what the last workflow step made it."""
        now = now or timezone.now()
        listed = self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED)
        if listed and self.expires_at is not None and self.expires_at <= now:
            return EXPIRED
        if self.status == self.Status.SCHEDULED and self.published_at is not None and self.published_at <= now:
            return self.Status.PUBLISHED
        return self.status

    def state_label(self, now: datetime.datetime | None = None) -> str:
        return STATE_LABELS.get(self.state(now), self.status)

    def mentioned_entities(self) -> list:
        """Officials, enterprises and regulators, in that order (uses
        prefetched relations when present)."""
        return [*self.officials.all(), *self.enterprises.all(), *self.regulators.all()]


class ArticleAuthor(models.Model):
    """An author on an article's byline, in byline order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("authors.AuthorProfile", on_delete=models.CASCADE, related_name="bylines")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")]
        # An author's list starts from the author and reads article ids from the index alone.
        indexes = [models.Index(fields=["author", "article"], name="byline_author_article_idx")]

    def __str__(self) -> str:
        return f"{self.author} on {self.article}"


class ArticleRedirect(models.Model):
    """An old slug or imported permalink path that answers 301 to the article."""

    old_path = models.CharField(max_length=500, unique=True, help_text="e.g. /articles/old-slug/ or /2024/11/05/post/")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.old_path} → {self.article.slug}"


class Correction(models.Model):
    """A dated correction or update note on a published article, kept as its
    own record and shown to readers."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong and what is right now (plain text).")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # The revision (django-reversion Version id) the correction was made to.
    revision_id = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.article} on {self.created_at:%Y-%m-%d}"


class TagRedirect(models.Model):
    """An old topic slug (from a merged or renamed tag) that answers 301 with
    the tag it became, so links and search results keep working."""

    old_slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    tag = models.ForeignKey("taggit.Tag", on_delete=models.CASCADE, related_name="redirects_from")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"/topics/{self.old_slug}/ → {self.tag.slug}"


class TrashedArticle(Article):
    """Articles in the trash, as their own admin list (restore or purge)."""

    class Meta:
        proxy = True
        verbose_name = "trashed article"
        verbose_name_plural = "trash"
