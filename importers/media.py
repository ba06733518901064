"""Optional download of imported featured images (``--download-media``).

Off by default: an import must not depend on the old site still being up,
and the network may be closed. Each download has a hard overall deadline (a
server that trickles bytes cannot hold the import), a size limit, and is
decoded as an image before it is kept; every failure is reported with its
URL and reason, and the source URL stays recorded either way.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django_tasks import task

from core.images import validate_image_file
from images.models import LibraryImage

from .models import ImportedAsset


class DownloadError(Exception):
    pass


@dataclass
class MediaReport:
    downloaded: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def report_lines(self) -> list[str]:
        lines = [f"  media downloaded: {self.downloaded:,}", f"  media failed:     {len(self.failed):,}"]
        lines += [f"    {url}: {reason}" for url, reason in self.failed]
        return lines


def fetch(url: str, *, timeout: float, max_bytes: int) -> bytes:
    """The body at ``url``, or DownloadError; never longer than ``timeout``
    seconds in total, never more than ``max_bytes``."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise DownloadError("not an http(s) URL")
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": "ree-exchange-importer"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked above)
            chunks, size = [], 0
            while chunk := response.read(65536):
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadError(f"larger than {max_bytes // 1_048_576} MB")
                if time.monotonic() > deadline:
                    raise DownloadError(f"timed out after {timeout:g} s")
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"HTTP {exc.code}") from None
    except TimeoutError:
        raise DownloadError(f"timed out after {timeout:g} s") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise DownloadError(f"timed out after {timeout:g} s") from None
        raise DownloadError(f"could not connect ({reason})") from None


def download_featured_images(*, article_ids: Iterable[int], timeout: float = 5.0) -> MediaReport:
    """Fetch the recorded featured image of each article that has none yet
    and store it as the article's featured image (renditions included)."""
    report = MediaReport()
    assets = (
        ImportedAsset.objects.filter(kind=ImportedAsset.Kind.FEATURED, article_id__in=list(article_ids),
                                     article__featured_image__isnull=True)
        .select_related("article")
        .order_by("id")
    )
    for asset in assets:
        try:
            data = fetch(asset.source_url, timeout=timeout, max_bytes=settings.IMAGE_MAX_BYTES)
            upload = ContentFile(data, name=os.path.basename(urlsplit(asset.source_url).path) or "image")
            validate_image_file(upload)
        except DownloadError as exc:
            report.failed.append((asset.source_url, str(exc)))
            continue
        except ValidationError as exc:
            report.failed.append((asset.source_url, " ".join(exc.messages)))
            continue
        # Into the image library, described from the old site's attachment
        # (its title as alt text until an editor writes better).
        article = asset.article
        article.featured_image = LibraryImage.objects.create(
            file=upload, alt_text=asset.title[:250], caption="", credit="",
        )
        article.save(update_fields=["featured_image", "updated_at"])
        report.downloaded += 1
    return report


@task()
def download_featured_images_task(*, article_ids: list[int], timeout: float = 5.0) -> dict:
    """``download_featured_images`` in the task worker: an import returns
    when its rows are stored, not when the old site has answered."""
    report = download_featured_images(article_ids=article_ids, timeout=timeout)
    return {"downloaded": report.downloaded, "failed": [list(f) for f in report.failed]}


def report_from_result(value: dict) -> MediaReport:
    return MediaReport(downloaded=value["downloaded"], failed=[(url, reason) for url, reason in value["failed"]])
