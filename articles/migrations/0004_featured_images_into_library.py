"""Every article's featured image becomes a library image: the same stored
file (not copied), its alt text, caption and credit, and the renditions it
already has, so pages show the same picture until the library's own
renditions (with the focal-point crops) are made by the task worker.

One file used by several articles becomes one library image. The history
(django-reversion versions) is rewritten the same way, so old revisions
still open, compare and revert, to the library image of their file.

Backwards, each article gets its file name, alt text, caption and credit
back from its library image; the library images are left in place (body
images may use them), so going back loses nothing either."""

import json

from django.core.files.storage import default_storage
from django.db import migrations, transaction
from PIL import Image

from core.images import make_renditions_task

OLD_FIELDS = ("featured_image", "featured_image_alt", "featured_image_caption", "featured_image_credit",
              "featured_image_renditions")


def _size(name: str) -> tuple[int, int]:
    try:
        with default_storage.open(name, "rb") as f, Image.open(f) as img:
            return img.size
    except (OSError, ValueError, SyntaxError):
        return (0, 0)  # a file missing from storage: the record is kept all the same


class _Library:
    """Library images by stored file name, made on first use."""

    def __init__(self, apps):
        self.model = apps.get_model("images", "LibraryImage")
        self.by_name = {}
        self.new = []

    def for_file(self, name: str, *, alt: str, caption: str, credit: str, renditions: dict, user_id) -> int:
        if name not in self.by_name:
            image = self.model.objects.filter(file=name).first()
            if image is None:
                width, height = _size(name)
                image = self.model.objects.create(
                    file=name, width=width, height=height, alt_text=alt[:250], caption=caption[:400],
                    credit=credit[:200], renditions=renditions or {}, uploaded_by_id=user_id,
                )
                self.new.append(image)
            self.by_name[name] = image.pk
        return self.by_name[name]


def _versions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    ct = ContentType.objects.filter(app_label="articles", model="article").first()
    if ct is None:
        return Version.objects.none()
    return Version.objects.filter(content_type=ct, format="json")


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    library = _Library(apps)
    for article in Article.objects.exclude(featured_image="").exclude(featured_image__isnull=True).iterator():
        article.featured_library_image_id = library.for_file(
            article.featured_image.name, alt=article.featured_image_alt, caption=article.featured_image_caption,
            credit=article.featured_image_credit, renditions=article.featured_image_renditions,
            user_id=article.created_by_id,
        )
        article.save(update_fields=["featured_library_image"])
    for version in _versions(apps).iterator():
        data = json.loads(version.serialized_data)
        fields = data[0]["fields"]
        if "featured_library_image" in fields or "featured_image_alt" not in fields:
            continue
        name = fields.pop("featured_image", "") or ""
        alt, caption, credit = (fields.pop(k, "") or "" for k in OLD_FIELDS[1:4])
        fields.pop("featured_image_renditions", None)
        # The final field is called featured_image (0005 renames it).
        fields["featured_image"] = library.for_file(
            name, alt=alt, caption=caption, credit=credit, renditions={}, user_id=None,
        ) if name else None
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])
    # The library's own renditions (figure widths, fallbacks, focal-point
    # crops) are made by the worker; until then the copied ones serve.
    new = [(image.pk, image.file.name) for image in library.new]
    if new:
        transaction.on_commit(lambda: _enqueue(new), robust=True)


def _enqueue(images) -> None:
    # The live task: the worker runs it on the live model.
    for pk, name in images:
        make_renditions_task.enqueue(model="images.LibraryImage", pk=pk, image_field="file",
                                     store_field="renditions", name=name)


def backwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    LibraryImage = apps.get_model("images", "LibraryImage")
    for article in Article.objects.exclude(featured_library_image=None).iterator():
        image = LibraryImage.objects.get(pk=article.featured_library_image_id)
        article.featured_image = image.file.name
        article.featured_image_alt = image.alt_text
        article.featured_image_caption = image.caption
        article.featured_image_credit = image.credit
        article.featured_image_renditions = image.renditions or {}
        article.save(update_fields=list(OLD_FIELDS))
    images = {}
    for version in _versions(apps).iterator():
        data = json.loads(version.serialized_data)
        fields = data[0]["fields"]
        if "featured_image_alt" in fields:
            continue
        pk = fields.get("featured_image")
        if pk and pk not in images:
            images[pk] = LibraryImage.objects.filter(pk=pk).first()
        image = images.get(pk)
        fields.update({
            "featured_image": image.file.name if image else "",
            "featured_image_alt": image.alt_text if image else "",
            "featured_image_caption": image.caption if image else "",
            "featured_image_credit": image.credit if image else "",
            "featured_image_renditions": {},
        })
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0003_featured_library_image"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
