"""Uploaded images: validation by decoding, generated names, renditions.

An upload is trusted only after Pillow has decoded it as one of the formats the
site accepts; the original is kept for editors, and readers are served
re-encoded renditions, which carry no EXIF metadata (location, camera serial).
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.dispatch import Signal
from django.utils.deconstruct import deconstructible
from django_tasks import task
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

# Renditions readers see: name -> max width. WebP keeps them small.
RENDITION_WIDTHS = {"thumb": 160, "card": 480, "large": 1200}


def validate_image_file(file) -> None:
    """Raise ValidationError unless ``file`` decodes as an accepted image
    within the byte and pixel limits."""
    max_bytes = settings.IMAGE_MAX_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            "The image is %(size)s MB; the limit is %(limit)s MB.",
            code="image_too_large",
            params={"size": round(size / 1_048_576, 1), "limit": round(max_bytes / 1_048_576, 1)},
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        try:
            with Image.open(file, formats=list(ACCEPTED_FORMATS)) as img:
                width, height = img.size
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        "The image is %(w)s×%(h)s pixels, more than the %(limit)s pixels allowed.",
                        code="image_too_many_pixels",
                        params={"w": width, "h": height, "limit": settings.IMAGE_MAX_PIXELS},
                    )
                img.verify()  # structure and checksums, without decoding
            # verify() does not decode: a truncated file passes it and then
            # fails wherever it is first drawn. Decode every pixel now.
            file.seek(0)
            with Image.open(file, formats=list(ACCEPTED_FORMATS)) as img:
                img.load()
        except ValidationError:
            raise
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
            raise ValidationError(
                "Upload a JPEG, PNG, WebP or GIF image; this file is not one.",
                code="invalid_image",
            ) from None
    finally:
        if position is not None:
            file.seek(position)


@deconstructible
class GeneratedName:
    """An ``upload_to`` that discards the client's file name (which may hold
    anything) for a random one, keeping only a safe extension."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: object, filename: str) -> str:
        ext = os.path.splitext(filename)[1].lower().lstrip(".")
        if ext not in {"jpg", "jpeg", "png", "webp", "gif"}:
            ext = "img"
        return f"{self.folder}/{uuid.uuid4().hex}.{ext}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GeneratedName) and other.folder == self.folder


def make_renditions(
    field_file,
    widths: dict[str, int] | None = None,
    *,
    fallback: bool = False,
    crops: dict[str, tuple[int, int]] | None = None,
    focal_point: tuple[float, float] = (0.5, 0.5),
) -> dict[str, dict]:
    """Write resized WebP renditions of an image field's file and return
    ``{name: {"name": storage name, "width": w, "height": h, "bytes": size}}``.
    ``fallback`` adds a JPEG (PNG for images with transparency) of each
    width under ``"fallback"`` for browsers without WebP; ``crops`` adds
    renditions cut to an exact size around ``focal_point`` (fractions of the
    width and height, from the top left), so the subject stays in frame."""
    if not field_file:
        return {}
    widths = widths or RENDITION_WIDTHS
    field_file.open("rb")
    try:
        with Image.open(field_file, formats=list(ACCEPTED_FORMATS)) as src:
            src.seek(0)
            base = ImageOps.exif_transpose(src)
            base = base.convert("RGBA" if base.mode in ("RGBA", "LA", "P") else "RGB")
            stem = os.path.splitext(os.path.basename(field_file.name))[0]
            out: dict[str, dict] = {}
            sized = {name: _resized(base, max_width) for name, max_width in widths.items()}
            for name, size in (crops or {}).items():
                sized[name] = ImageOps.fit(base, size, Image.Resampling.LANCZOS, centering=focal_point)
            for name, img in sized.items():
                out[name] = _save(img, f"renditions/{stem}-{name}.webp", "WEBP", quality=82, method=4)
                if fallback:
                    alpha = img.mode == "RGBA"
                    out[name]["fallback"] = _save(
                        img if alpha else img.convert("RGB"),
                        f"renditions/{stem}-{name}.{'png' if alpha else 'jpg'}",
                        "PNG" if alpha else "JPEG", **({} if alpha else {"quality": 85, "optimize": True}),
                    )
            return out
    finally:
        field_file.close()


def _resized(base: Image.Image, max_width: int) -> Image.Image:
    img = base.copy()
    if img.width > max_width:
        img.thumbnail((max_width, max_width * 4), Image.Resampling.LANCZOS)
    return img


def _save(img: Image.Image, path: str, fmt: str, **params) -> dict:
    buf = io.BytesIO()
    img.save(buf, fmt, **params)
    if default_storage.exists(path):
        default_storage.delete(path)
    data = buf.getvalue()
    saved = default_storage.save(path, ContentFile(data))
    # The byte size is kept so feeds can give enclosure lengths
    # without asking the storage for every item on every request.
    return {"name": saved, "width": img.width, "height": img.height, "bytes": len(data)}


def rendition_url(renditions: dict | None, name: str) -> str:
    """URL of one rendition, or "" when it does not exist."""
    info = (renditions or {}).get(name)
    if not info:
        return ""
    return default_storage.url(info["name"])


# EXIF tags an original keeps: how to turn it, and the photographer's
# credit. Everything else goes: the GPS position above all, then camera and
# lens serial numbers, owner name, maker notes and timestamps, any of which
# can identify a source.
KEPT_EXIF_TAGS = (0x0112, 0x013B, 0x8298)  # Orientation, Artist, Copyright


def without_identifying_metadata(file) -> ContentFile | None:
    """The upload re-written with only ``KEPT_EXIF_TAGS`` (and its colour
    profile), or None when it carries nothing else. JPEGs are re-written
    with their own quantisation tables (``quality="keep"``), so the picture
    is not visibly re-compressed; the renditions are made from this copy."""
    file.seek(0)
    with Image.open(file, formats=list(ACCEPTED_FORMATS)) as img:
        exif = img.getexif()
        xmp = "xmp" in img.info or "XML:com.adobe.xmp" in img.info
        if not xmp and all(tag in KEPT_EXIF_TAGS for tag in exif):
            file.seek(0)
            return None
        kept = Image.Exif()
        for tag in KEPT_EXIF_TAGS:
            if tag in exif:
                kept[tag] = exif[tag]
        params: dict = {"exif": kept.tobytes()}
        if icc := img.info.get("icc_profile"):
            params["icc_profile"] = icc
        if img.format == "JPEG":
            params.update(quality="keep", subsampling="keep")
        elif img.format == "GIF":
            params = {"save_all": True}  # GIF has no EXIF; keep the frames
        elif img.format == "WEBP":
            params.update(lossless=True, quality=100, save_all=getattr(img, "is_animated", False))
        buf = io.BytesIO()
        img.save(buf, img.format, **params)
    file.seek(0)
    return ContentFile(buf.getvalue())


def _store_original(obj, image_field: str) -> None:
    """Write a new upload to storage, without its identifying metadata."""
    file = getattr(obj, image_field)
    cleaned = without_identifying_metadata(file)
    if cleaned is None:
        file.field.pre_save(obj, add=obj._state.adding)
    else:
        file.save(file.name, cleaned, save=False)


@contextmanager
def image_kept_in_step(obj, image_field: str, store_field: str) -> Iterator[None]:
    """Wrap a model's ``super().save()``: stores a new original first (see
    ``refresh_renditions``) and deletes it again if the save then fails, so
    that a refused row leaves no orphan file in storage."""
    file = getattr(obj, image_field)
    new_upload = bool(file) and not getattr(file, "_committed", True)
    refresh_renditions(obj, image_field, store_field)
    try:
        yield
    except BaseException:
        stored = getattr(obj, image_field)
        if new_upload and stored and stored.name:
            stored.storage.delete(stored.name)
        raise


# Sent by the renditions task with ``pk`` once an object's renditions are
# stored, so that pages showing it are rendered afresh.
renditions_stored = Signal()


def refresh_renditions(obj, image_field: str, store_field: str) -> None:
    """Called by ``save()``: when the image changed (a new upload is not yet
    committed to storage), store the original and leave its renditions to
    the task worker once the row is committed; clear them when the image
    was removed. Until the worker has run, pages show no rendition."""
    file = getattr(obj, image_field)
    if not file:
        setattr(obj, store_field, {})
        return
    if not getattr(file, "_committed", True):
        _store_original(obj, image_field)  # store the original first
        setattr(obj, store_field, {})
    elif getattr(obj, store_field):
        return
    name, label = getattr(obj, image_field).name, obj._meta.label
    transaction.on_commit(lambda: make_renditions_task.enqueue(
        model=label, pk=obj.pk, image_field=image_field, store_field=store_field, name=name), robust=True)


@task()
def make_renditions_task(*, model: str, pk: int, image_field: str, store_field: str, name: str) -> dict:
    """Write the renditions of ``model`` ``pk``'s image ``name`` and store
    them, unless the image was replaced or removed meanwhile (then the save
    that did it enqueued its own). Purges the pages that show the object."""
    model_class = apps.get_model(model)
    obj = model_class.objects.filter(pk=pk, **{image_field: name}).first()
    if obj is None:
        return {}
    # A model may ask for more than the default widths (the image library's
    # fallbacks and focal-point crops).
    options = obj.rendition_options() if hasattr(obj, "rendition_options") else {}
    renditions = make_renditions(getattr(obj, image_field), **options)
    model_class.objects.filter(pk=pk, **{image_field: name}).update(**{store_field: renditions})
    # update() sends no post_save: the page cache listens to this instead.
    renditions_stored.send(sender=model_class, pk=pk)
    return {name: info["name"] for name, info in renditions.items()}
