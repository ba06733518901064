"""WordPress attachments into the image library.

An attachment an imported post carries (or names as its featured image)
becomes a ``LibraryImage`` with WordPress's alt text and caption, once per
attachment however many stories or runs meet it. It is made in the body
images task (``body_images.download_body_images``), from a download bounded
and validated as uploads are, only when the story's body shows it: WordPress
bodies show an attachment at its own URL or at a resized copy
(``photo-1024x683.jpg`` for ``photo.jpg``). The body's picture (with its
link and caption frame) is then replaced by the library's placed figure,
``<figure data-library-image="ID">``, which the public page renders from the
library (renditions, srcset, caption and credit). The story's other picture
attachments are added to the library too, for editors to place."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.html import escape

from core.images import validate_image_file, without_identifying_metadata
from images.models import LibraryImage

from .fetch import DownloadError, fetch
from .models import ImportedAsset

_SIZED = re.compile(r"-\d{1,5}x\d{1,5}(?=\.[A-Za-z0-9]{2,5}$)")
FALLBACK_ALT = "Picture from the imported story"


def variant_key(url: str) -> str:
    """The same for an attachment's URL and WordPress's resized copies of it."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{_SIZED.sub('', parts.path)}"


def attachment_for(url: str, attachments: list[ImportedAsset]) -> ImportedAsset | None:
    key = variant_key(url)
    return next((a for a in attachments if variant_key(a.source_url) == key), None)


def library_image_for(attachment: ImportedAsset, *, timeout: float, max_bytes: int) -> tuple[LibraryImage, bool]:
    """The attachment's library image and whether it is new: the one an
    earlier run or another story made for the same WordPress attachment,
    else a new one from a download (DownloadError or ValidationError when
    it cannot be had)."""
    same = ImportedAsset.objects.filter(library_image__isnull=False).exclude(kind=ImportedAsset.Kind.BODY)
    same = same.filter(source_id=attachment.source_id) if attachment.source_id else \
        same.filter(source_url=attachment.source_url)
    known = same.select_related("library_image").first()
    created = known is None
    if known is not None:
        image = known.library_image
    else:
        data = fetch(attachment.source_url, timeout=timeout, max_bytes=max_bytes)
        upload = ContentFile(data, name=os.path.basename(urlsplit(attachment.source_url).path) or "image")
        validate_image_file(upload)
        clean = without_identifying_metadata(upload) or upload
        clean.seek(0)
        # Saved as an upload is (its sizes read, its renditions queued).
        image = LibraryImage(
            file=ContentFile(clean.read(), name=upload.name),
            alt_text=(attachment.alt_text or attachment.title or FALLBACK_ALT)[:250],
            caption=attachment.caption[:400],
            credit="",
        )
        image.save()
    ImportedAsset.objects.filter(pk=attachment.pk).update(library_image=image)
    attachment.library_image = image
    return image, created


def placed_figure(image: LibraryImage) -> str:
    """The markup the editor's picker places (core/richtext.py)."""
    caption = f"<figcaption>{escape(image.caption)}</figcaption>" if image.caption else ""
    return (f'<figure data-library-image="{image.pk}"><img src="{escape(image.file.url)}" '
            f'alt="{escape(image.alt_text)}">{caption}</figure>')


def placed_in_library(body: str, url: str, image: LibraryImage) -> str:
    """``body`` with the picture at ``url`` (its caption frame, its link, or
    the paragraph it stood alone in) replaced by the library's figure."""
    src = re.escape(url)  # as the body has it (found there)
    img = rf'(?:<a\b[^>]*>\s*)?<img\b[^>]*?\ssrc="{src}"[^>]*>(?:\s*</a>)?'
    figure = placed_figure(image)
    for pattern in (rf"<figure>(?:(?!</figure>).)*?{img}(?:(?!</figure>).)*?</figure>",
                    rf"<p>\s*{img}\s*</p>", img):
        body, n = re.subn(pattern, lambda _m: figure, body, flags=re.S)
        if n:
            return body
    return body


IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")


def is_picture(url: str) -> bool:
    """Attachments that can be pictures; WordPress also attaches PDFs and
    audio, which the library does not take (and are not fetched)."""
    return urlsplit(url).path.lower().endswith(IMAGE_EXTENSIONS)


def remaining_attachments(article_ids: Iterable[int], *, max_attempts: int, tried: Iterable[int] = ()):
    """The stories' picture attachments not in the library yet, with tries
    left (``tried``: already tried in this run, for a body)."""
    rows = (ImportedAsset.objects.filter(kind__in=(ImportedAsset.Kind.ATTACHMENT, ImportedAsset.Kind.FEATURED),
                                         article_id__in=list(article_ids), library_image__isnull=True,
                                         attempts__lt=max_attempts).exclude(pk__in=list(tried)).order_by("id"))
    return [a for a in rows if is_picture(a.source_url)]


def add_remaining_to_library(article_ids: Iterable[int], *, timeout: float, max_bytes: int, max_attempts: int,
                             tried: Iterable[int] = ()) -> tuple[int, list[tuple[str, str]]]:
    """Every other picture attachment of these stories into the library, so
    an editor finds it there; (library images made, [(url, reason)] failed)."""
    made, failed = 0, []
    for attachment in remaining_attachments(article_ids, max_attempts=max_attempts, tried=tried):
        try:
            _image, created = library_image_for(attachment, timeout=timeout, max_bytes=max_bytes)
        except (DownloadError, ValidationError) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            ImportedAsset.objects.filter(pk=attachment.pk).update(attempts=attachment.attempts + 1,
                                                                  last_error=reason[:300])
            failed.append((attachment.source_url, reason))
            continue
        made += created
    return made, failed
