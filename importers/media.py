"""Imported featured images into the image library (on by default;
``--no-download-media`` keeps only their URLs).

It runs in the task worker, so an import never waits for the old site, and
a closed network only means failures in the report. Each download has a hard overall deadline (a
server that trickles bytes cannot hold the import), a size limit, and is
decoded as an image before it is kept; every failure is reported with its
URL and reason, and the source URL stays recorded either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django_tasks import task

from .fetch import DownloadError
from .library_images import library_image_for
from .models import ImportedAsset


@dataclass
class MediaReport:
    downloaded: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def report_lines(self) -> list[str]:
        lines = [f"  media downloaded: {self.downloaded:,}", f"  media failed:     {len(self.failed):,}"]
        lines += [f"    {url}: {reason}" for url, reason in self.failed]
        return lines


def download_featured_images(*, article_ids: Iterable[int], timeout: float = 5.0) -> MediaReport:
    """Make the recorded featured image of each article that has none yet
    its featured image: the library image of that WordPress attachment if
    the body images task (or another story) made one, else one from a
    download, with the attachment's alt text and caption."""
    report = MediaReport()
    assets = (
        ImportedAsset.objects.filter(kind=ImportedAsset.Kind.FEATURED, article_id__in=list(article_ids),
                                     article__featured_image__isnull=True)
        .select_related("article")
        .order_by("id")
    )
    for asset in assets:
        try:
            image, _created = library_image_for(asset, timeout=timeout, max_bytes=settings.IMAGE_MAX_BYTES)
        except DownloadError as exc:
            report.failed.append((asset.source_url, str(exc)))
            continue
        except ValidationError as exc:
            report.failed.append((asset.source_url, " ".join(exc.messages)))
            continue
        article = asset.article
        article.featured_image = image
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
