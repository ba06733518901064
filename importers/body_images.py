"""Images an imported story shows from its old site, brought home.

The body of an imported post points at the old site's files, which this
site's Content-Security-Policy (img-src 'self') blocks: the reader sees a
broken image. A background task fetches each one (http(s) only, bounded in
time and size, decoded and size-checked as uploads are, identifying metadata
removed), stores it under ``imported/`` in the site's media storage and
rewrites the body to the local copy. A failed download is recorded on its
``ImportedAsset`` row and retried by a later task; after the last attempt
the image is taken out of the body (its caption and the text stay), so the
story reads without a broken picture, and the report names it.

A body image that shows one of the story's WordPress attachments becomes
that attachment's library image instead (``library_images.py``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles import events
from articles.models import Article
from core.images import GeneratedName, validate_image_file, without_identifying_metadata

from .fetch import DownloadError, fetch
from .library_images import (
    add_remaining_to_library,
    attachment_for,
    library_image_for,
    placed_in_library,
    remaining_attachments,
)
from .models import ImportedAsset

ATTACHMENT_KINDS = (ImportedAsset.Kind.ATTACHMENT, ImportedAsset.Kind.FEATURED)

MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=10)
_IMG = re.compile(r'<img\b[^>]*?\ssrc="([^"]+)"[^>]*>', re.I)


@dataclass
class BodyImageReport:
    downloaded: int = 0
    placed: int = 0  # of the downloaded, those placed as library images
    library: int = 0  # library images made from attachments
    failed: list[tuple[str, str]] = field(default_factory=list)
    given_up: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"downloaded": self.downloaded, "placed": self.placed, "library": self.library, "failed": [list(f) for f in self.failed],
                "given_up": self.given_up}


def _foreign(url: str) -> bool:
    parts = urlsplit(url)
    own = urlsplit(settings.SITE_URL).hostname
    return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.hostname != own


def record_body_images(article: Article) -> int:
    """An ImportedAsset row for each foreign image in the body (idempotent)."""
    made = 0
    for url in dict.fromkeys(_IMG.findall(article.body)):
        if _foreign(url):
            _, created = ImportedAsset.objects.get_or_create(
                article=article, kind=ImportedAsset.Kind.BODY, source_url=url[:1000])
            made += created
    return made


def _store(url: str, data: bytes) -> str:
    upload = ContentFile(data, name=os.path.basename(urlsplit(url).path) or "image")
    validate_image_file(upload)
    clean = without_identifying_metadata(upload) or upload
    name = GeneratedName(f"imported/{timezone.now():%Y/%m}")(None, upload.name)
    clean.seek(0)
    return default_storage.save(name, ContentFile(clean.read()))


def _without_image(body: str, url: str) -> str:
    return re.sub(rf'<img\b[^>]*?\ssrc="{re.escape(url)}"[^>]*>', "", body)


def localized_body(body: str, assets: Iterable[ImportedAsset]) -> str:
    """``body`` as this site shows it: the images already brought home point
    at their local copy, those given up on are left out. The importer lays
    this over a re-imported body, so a re-run finds the story unchanged."""
    for asset in assets:
        if asset.kind != ImportedAsset.Kind.BODY:
            continue
        if asset.library_image_id and asset.library_image is not None:
            body = placed_in_library(body, asset.source_url, asset.library_image)
        elif asset.stored_name:
            body = body.replace(f'src="{asset.source_url}"', f'src="{default_storage.url(asset.stored_name)}"')
        elif asset.attempts >= MAX_ATTEMPTS:
            body = _without_image(body, asset.source_url)
    return body


def download_body_images(*, article_ids: Iterable[int], timeout: float = 5.0) -> BodyImageReport:
    """Fetch the pending body images of these articles and rewrite their
    bodies; see the module docstring."""
    article_ids = list(article_ids)
    report = BodyImageReport()
    changed: set[int] = set()
    tried: set[int] = set()  # attachments tried for a body in this run
    for article in Article.objects.filter(pk__in=list(article_ids)):
        record_body_images(article)
    assets = (ImportedAsset.objects.filter(kind=ImportedAsset.Kind.BODY, article_id__in=list(article_ids),
                                           stored_name="", attempts__lt=MAX_ATTEMPTS)
              .select_related("article").order_by("id"))
    attachments: dict[int, list[ImportedAsset]] = {}
    for a in ImportedAsset.objects.filter(kind__in=ATTACHMENT_KINDS, article_id__in=list(article_ids)):
        attachments.setdefault(a.article_id, []).append(a)
    for asset in assets:
        attachment = attachment_for(asset.source_url, attachments.get(asset.article_id, []))
        try:
            if attachment is not None:
                tried.add(attachment.pk)
                image, created = library_image_for(attachment, timeout=timeout, max_bytes=settings.IMAGE_MAX_BYTES)
                report.library += created
                name = image.file.name
            else:
                image = None
                data = fetch(asset.source_url, timeout=timeout, max_bytes=settings.IMAGE_MAX_BYTES)
                name = _store(asset.source_url, data)
        except (DownloadError, ValidationError) as exc:
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            asset.attempts += 1
            asset.last_error = reason[:300]
            asset.save(update_fields=["attempts", "last_error"])
            report.failed.append((asset.source_url, reason))
            if asset.attempts >= MAX_ATTEMPTS:
                _rewrite(asset.article_id, lambda body, a=asset: _without_image(body, a.source_url))
                report.given_up.append(asset.source_url)
                changed.add(asset.article_id)
            continue
        asset.stored_name, asset.last_error, asset.library_image = name, "", image
        asset.attempts += 1
        asset.save(update_fields=["stored_name", "attempts", "last_error", "library_image"])
        if image is not None:
            _rewrite(asset.article_id, lambda body, a=asset, i=image: placed_in_library(body, a.source_url, i))
            report.placed += 1
        else:
            local = default_storage.url(name)
            _rewrite(asset.article_id,
                     lambda body, a=asset, u=local: body.replace(f'src="{a.source_url}"', f'src="{u}"'))
        report.downloaded += 1
        changed.add(asset.article_id)
    made, failed = add_remaining_to_library(article_ids, timeout=timeout, max_bytes=settings.IMAGE_MAX_BYTES,
                                            max_attempts=MAX_ATTEMPTS, tried=tried)
    report.library += made
    report.failed += failed
    if changed:
        transaction.on_commit(lambda: events.public_content_changed(article_ids=sorted(changed),
                                                                    reason="imported images"))
    return report


def _rewrite(article_id: int, change) -> None:
    with transaction.atomic():
        article = Article.objects.select_for_update().only("body").get(pk=article_id)
        body = change(article.body)
        if body != article.body:
            # A derived rewrite of the body (the same picture, now local): no
            # new revision, no workflow step, like the renditions task.
            Article.objects.filter(pk=article_id).update(body=body)


def pending_retries(article_ids: Iterable[int]) -> list[int]:
    article_ids = list(article_ids)
    body = set(ImportedAsset.objects.filter(
        kind=ImportedAsset.Kind.BODY, article_id__in=article_ids, stored_name="",
        attempts__gt=0, attempts__lt=MAX_ATTEMPTS).values_list("article_id", flat=True))
    attachments = {a.article_id for a in remaining_attachments(article_ids, max_attempts=MAX_ATTEMPTS)
                   if a.attempts > 0}
    return sorted(body | attachments)


@task()
def download_body_images_task(*, article_ids: list[int], timeout: float = 5.0) -> dict:
    """In the worker; failures are tried again RETRY_AFTER later, up to
    MAX_ATTEMPTS times in all."""
    report = download_body_images(article_ids=article_ids, timeout=timeout)
    retry = pending_retries(article_ids)
    # A backend that cannot defer (immediate) leaves the retry to the next
    # run of the import, which picks up every image not stored yet.
    if retry and download_body_images_task.get_backend().supports_defer:
        download_body_images_task.using(run_after=timezone.now() + RETRY_AFTER).enqueue(
            article_ids=retry, timeout=timeout)
    return report.as_dict()
