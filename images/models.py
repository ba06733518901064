"""The image library: pictures uploaded once, with their alt text, caption
and credit, placed in any number of stories (each story refers to the image
by id, so reuse keeps one file)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from PIL import Image as PILImage
from PIL import ImageOps

from core.images import GeneratedName, image_kept_in_step, rendition_url, validate_image_file

# Widths a figure in a story offers the browser (srcset), WebP with a JPEG
# or PNG fallback of each. The crops are cut to an exact shape around the
# focal point: "square" is the library's thumbnail, "card" the 16:9 picture
# of an article card (the cards' CSS shape), "og" the size link previews
# (Open Graph, social cards) ask for.
FIGURE_WIDTHS = {"small": 480, "medium": 800, "large": 1200}
CROPS = {"square": (240, 240), "card": (480, 270), "og": (1200, 630)}


class LibraryImage(models.Model):
    file = models.ImageField(
        upload_to=GeneratedName("library"), validators=[validate_image_file],
        help_text="JPEG, PNG, WebP or GIF. Location and camera details are removed on upload.",
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt_text = models.CharField(
        "alt text", max_length=250,
        help_text="What the picture shows, for readers who cannot see it (not the caption again).",
    )
    caption = models.CharField(max_length=400, help_text="Shown under the picture.")
    credit = models.CharField(max_length=200, help_text="Photographer or agency, e.g. “Xinhua / Li Wei”.")
    focal_x = models.PositiveSmallIntegerField(
        "focal point across (%)", default=50, validators=[MaxValueValidator(100)],
        help_text="Where the subject is, from the left edge (0) to the right (100); crops keep it in frame.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point down (%)", default=50, validators=[MaxValueValidator(100)],
        help_text="From the top edge (0) to the bottom (100).",
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "library image"

    def __str__(self) -> str:
        return self.alt_text

    def save(self, *args, **kwargs) -> None:
        old = None
        if self.pk:
            old = LibraryImage.objects.filter(pk=self.pk).values_list("focal_x", "focal_y").first()
        if old is not None and old != (self.focal_x, self.focal_y):
            self.renditions = {}  # the crops follow the new focal point
        if self.file and not getattr(self.file, "_committed", True):
            # A new upload (validated already). Sizes as stored, before any
            # EXIF turn: the renditions apply the turn, the figure's width
            # and height give only the shape, so take the turned size.
            with PILImage.open(self.file) as img:
                self.width, self.height = ImageOps.exif_transpose(img).size
            self.file.seek(0)
        with image_kept_in_step(self, "file", "renditions"):
            super().save(*args, **kwargs)

    def rendition_options(self) -> dict:
        """What core.images.make_renditions_task makes for a library image."""
        return {"widths": FIGURE_WIDTHS, "fallback": True, "crops": CROPS,
                "focal_point": (self.focal_x / 100, self.focal_y / 100)}

    def rendition_url(self, name: str) -> str:
        return rendition_url(self.renditions, name)

    @property
    def webp_srcset(self) -> str:
        return self._srcset(fallback=False)

    @property
    def fallback_srcset(self) -> str:
        return self._srcset(fallback=True)

    def _srcset(self, *, fallback: bool) -> str:
        """``url width`` pairs of the figure widths made so far."""
        pairs = []
        for name in FIGURE_WIDTHS:
            info = self.renditions.get(name)
            if info:
                info = info.get("fallback", {}) if fallback else info
                if info:
                    pairs.append((info["width"], rendition_url({"r": info}, "r")))
        return ", ".join(f"{url} {width}w" for width, url in sorted(set(pairs)))

    @property
    def fallback_url(self) -> str:
        """The largest fallback made so far, else the original."""
        for name in reversed(FIGURE_WIDTHS):
            info = self.renditions.get(name, {}).get("fallback")
            if info:
                return rendition_url({"r": info}, "r")
        return self.file.url if self.file else ""
