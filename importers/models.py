from __future__ import annotations

from django.db import models

from articles.models import Article
from images.models import LibraryImage


class ImportedAsset(models.Model):
    """A media file an imported article used in its old home (a featured
    image, an attachment), kept by source URL so nothing is lost even when
    the files are not downloaded."""

    class Kind(models.TextChoices):
        FEATURED = "featured", "Featured image"
        ATTACHMENT = "attachment", "Attachment"
        BODY = "body", "Image in the body"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="imported_assets")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ATTACHMENT)
    source_url = models.URLField(max_length=1000)
    source_id = models.CharField(max_length=500, blank=True, help_text="e.g. wxr:<site>:<attachment id>")
    title = models.CharField(max_length=255, blank=True)
    # An attachment's words from WordPress, for the library image it becomes.
    alt_text = models.CharField(max_length=250, blank=True)
    caption = models.CharField(max_length=400, blank=True)
    # The library image an attachment became, and which a body image of it
    # is placed as (importers/library_images.py).
    library_image = models.ForeignKey(LibraryImage, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    # A body image's local copy, once downloaded (importers/body_images.py),
    # and the last failure while it is not.
    stored_name = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "kind", "source_url"], name="unique_imported_asset"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source_url}"
