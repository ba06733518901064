"""Public author profiles: the byline side of a Django user."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.images import GeneratedName, image_kept_in_step, rendition_url, validate_image_file
from core.slugs import unique_slug


class AuthorProfile(models.Model):
    """What readers see of a writer: display name, bio, photo.

    ``user`` is optional so imported bylines (and contributors without a
    login) can exist; an imported author gets a user without a usable
    password."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="author_profile"
    )
    display_name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True, blank=True)
    role = models.CharField(max_length=120, blank=True, help_text="e.g. Senior correspondent, Beijing")
    bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to=GeneratedName("authors"), blank=True, validators=[validate_image_file])
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    email_public = models.EmailField("public e-mail", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.display_name, max_length=160)
        with image_kept_in_step(self, "photo", "photo_renditions"):
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("authors:detail", kwargs={"slug": self.slug})

    def photo_url(self, name: str = "thumb") -> str:
        return rendition_url(self.photo_renditions, name)
