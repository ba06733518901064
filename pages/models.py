"""The outlet's own pages (About, the masthead, policies, contact) and the
navigation menus that link them with the rest of the site."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import AuthorProfile
from core.fields import RichTextField
from core.sanitize import html_to_text, sanitize_html
from entities.models import Enterprise, Official, Regulator


class PageQuerySet(models.QuerySet):
    def published(self) -> PageQuerySet:
        """The ONE definition of "a reader may see this page"."""
        return self.filter(status=Page.Status.PUBLISHED, published_at__lte=timezone.now())


class Page(models.Model):
    """A page at a clean, stable URL built from its slug and its parents'
    (``/about/masthead/``). A changed slug or parent leaves a 301 from the
    old address (``pages.services.page_save``)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, allow_unicode=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               help_text="e.g. About for /about/masthead/")
    path = models.CharField(max_length=400, unique=True, editable=False, help_text="The URL path, from the slugs.")
    standfirst = models.TextField(blank=True)
    body = RichTextField(
        blank=True, help_text="Pasted text keeps its headings, lists, links and tables; styles are dropped.",
    )
    # What search reads: the body without its markup, so "table" does not
    # find every page with a table (filled in save()).
    body_text = models.TextField(blank=True, editable=False)
    seo_title = models.CharField("SEO title", max_length=70, blank=True,
                                 help_text="For search results and sharing; the title when empty.")
    seo_description = models.CharField("SEO description", max_length=160, blank=True,
                                       help_text="For search results and sharing; the standfirst when empty.")
    lists_staff = models.BooleanField(
        "lists the staff", default=False,
        help_text="Show the masthead (the staff in the order set under Masthead entries) after the body.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    needs_attention = models.CharField(
        max_length=200, blank=True, help_text="Why an editor should look at this page (e.g. set by an import)."
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    source_id = models.CharField(max_length=300, null=True, blank=True, unique=True, editable=False,
                                 help_text="Where an import found it (e.g. a WordPress page id), for re-runs.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="page_unique_slug_per_parent"),
        ]
        permissions = [("publish_page", "Can publish and unpublish pages")]

    def __str__(self) -> str:
        return self.title

    def build_path(self) -> str:
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        self.body_text = html_to_text(self.body)
        self.path = self.build_path()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pages:detail", kwargs={"page_path": self.path})

    @property
    def meta_title(self) -> str:
        return self.seo_title or self.title

    @property
    def meta_description(self) -> str:
        return self.seo_description or self.standfirst


class Redirect(models.Model):
    """An old address that 301s: a page's former path, or an address another
    system used (a WordPress page, category or author URL) for a page or any
    path on this site."""

    old_path = models.CharField(max_length=500, unique=True, help_text="e.g. /about-us/ or /category/news/")
    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.CASCADE, related_name="redirects")
    target = models.CharField(max_length=500, blank=True, help_text="A path on this site, when not a page.")
    source = models.CharField(max_length=40, blank=True, help_text="What left it: a slug change, an import...")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["old_path"]

    def __str__(self) -> str:
        return f"{self.old_path} → {self.page or self.target}"


class PageAuditEntry(models.Model):
    """One step in a page's life: who, what, when, from which state to which."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        SAVED = "saved", "Saved"
        SUBMITTED = "submitted", "Submitted for review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"
        REVERTED = "reverted", "Reverted to an earlier revision"
        IMPORTED = "imported", "Imported"
        CHANGES_SAVED = "changes_saved", "Saved as an unpublished change"
        CHANGES_PUBLISHED = "changes_published", "Published changes"
        CHANGES_DISCARDED = "changes_discarded", "Discarded unpublished changes"
        LINK_CREATED = "link_created", "Preview link created"
        LINK_REVOKED = "link_revoked", "Preview link revoked"

    page = models.ForeignKey(Page, null=True, on_delete=models.SET_NULL, related_name="audit_entries")
    page_title = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    comment = models.TextField(blank=True)
    changed_fields = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "page audit entry"
        verbose_name_plural = "page audit trail"

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.page_title}"


class PagePendingChange(models.Model):
    """An edit of a published page, held aside: readers keep the live page
    until an editor publishes the change (``pages.services``), as with
    articles' pending changes. ``data`` holds the content fields and the
    address (slug, parent) as saved."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="pending_change")
    data = models.JSONField(default=dict)
    base_version = models.PositiveIntegerField(help_text="The page version this text was edited from.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "unpublished page change"

    def __str__(self) -> str:
        return f"Unpublished change to {self.page}"


class PagePreviewLink(models.Model):
    """A shareable, expiring link to preview a page without an account. The
    URL carries a signed token naming this row (``pages/previews.py``); the
    row is what lets an editor revoke it early. Unpublishing the page ends
    every link to it, and deleting the page deletes them."""

    token_id = models.CharField(max_length=64, unique=True, editable=False)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # Whether the page was public when the link was made (it then shows the
    # pending change); a link made for a draft sends to the public page
    # once the page is published.
    for_public = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Preview link for {self.page} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_active(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class MastheadEntry(models.Model):
    """A member of staff on the masthead, in the order the editor sets."""

    author = models.OneToOneField(AuthorProfile, on_delete=models.CASCADE, related_name="masthead_entry")
    order = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(max_length=120, blank=True, help_text="Shown instead of the profile's role when set.")

    class Meta:
        ordering = ["order", "id"]
        verbose_name_plural = "masthead entries"

    def __str__(self) -> str:
        return str(self.author)


class Menu(models.Model):
    """A navigation menu: ``main`` (under the header) or ``footer``."""

    class Place(models.TextChoices):
        MAIN = "main", "Main menu"
        FOOTER = "footer", "Footer"

    place = models.CharField(max_length=20, choices=Place.choices, unique=True)

    class Meta:
        ordering = ["place"]

    def __str__(self) -> str:
        return self.get_place_display()


class MenuItem(models.Model):
    """One link of a menu: to a page, a topic, a person or organisation, an
    author, a section of the site (a path such as ``/archive/``) or an
    external URL. Exactly one target is set (``clean``)."""

    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
        verbose_name="under", help_text="Shown in a list under this item of the same menu (one level deep).",
    )
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=80, blank=True, help_text="The target's name when empty.")
    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                            verbose_name="topic")
    official = models.ForeignKey(Official, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    enterprise = models.ForeignKey(Enterprise, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    regulator = models.ForeignKey(Regulator, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(AuthorProfile, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    url = models.CharField("section or URL", max_length=500, blank=True,
                           help_text="A path on this site (/archive/, /officials/) or https://…")
    source_id = models.CharField(max_length=300, null=True, blank=True, unique=True, editable=False)

    TARGETS = ("page", "tag", "official", "enterprise", "regulator", "author", "url")

    class Meta:
        ordering = ["menu", "order", "id"]

    def __str__(self) -> str:
        return self.label or str(self.target() or "")

    def target(self):
        for name in self.TARGETS[:-1]:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return self.url or None

    def clean(self) -> None:
        chosen = [n for n in self.TARGETS if (getattr(self, f"{n}_id") if n != "url" else self.url)]
        if len(chosen) != 1:
            raise ValidationError("Choose exactly one target: a page, a topic, an entity, an author or a URL.")
        if self.url and not (self.url.startswith("/") or self.url.startswith(("https://", "http://"))):
            raise ValidationError({"url": "A path starting with / or an http(s):// address."})
        if self.url and not self.label:
            raise ValidationError({"label": "A link to a section or URL needs a label."})
        if self.parent_id:
            # One level: a reader opens a sub-list, never a sub-sub-list.
            if self.parent_id == self.pk or self.parent.parent_id:
                raise ValidationError({"parent": "Put it under a top-level item of the menu (one level deep)."})
            if self.parent.menu_id != self.menu_id:
                raise ValidationError({"parent": "Put it under an item of the same menu."})
            if self.pk and self.children.exists():
                raise ValidationError({"parent": "This item has items under it, so it stays at the top level."})
