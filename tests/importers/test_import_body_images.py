"""Images in imported bodies come home: downloaded in a task from a local
HTTP server (no internet), validated like uploads, the body rewritten to the
local copy, the caption once; a failure is reported, retried, and after the
last attempt the story reads without a broken picture."""

from __future__ import annotations

import re

import pytest
from django.core.files.storage import default_storage

from articles.models import Article
from importers.body_images import MAX_ATTEMPTS, download_body_images
from importers.models import ImportedAsset

from .importing import run
from .test_import_media import old_site  # noqa: F401 (the fixture: a local old site)

pytestmark = pytest.mark.django_db


def wxr(tmp_path, base: str):
    body = (f'[caption id="attachment_7" align="alignnone" width="40"]<a href="{base}/ok.png"><img src="{base}/ok.png" '
            f'alt="A magnet" width="40" height="30"></a> Sintered magnets at the works[/caption]\n\n'
            f'Text between.\n\n<img src="{base}/missing.png" alt="Gone">\n\n<img src="{base}/not-an-image.png" alt="Fake">')
    path = tmp_path / "bodies.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title>'
        "<wp:base_site_url>https://old.example.org</wp:base_site_url>"
        "<item><title>Magnets</title><link>https://old.example.org/magnets/</link><dc:creator>ed</dc:creator>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded><wp:post_id>1</wp:post_id>"
        "<wp:post_date_gmt>2024-01-01 10:00:00</wp:post_date_gmt><wp:post_name>magnets</wp:post_name>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>",
        encoding="utf-8",
    )
    return path


def test_body_images_are_downloaded_and_the_body_points_at_the_local_copy(tmp_path, old_site, client):  # noqa: F811
    out, _ = run("import_wordpress", wxr(tmp_path, old_site), download_media=True, media_timeout=2)
    assert "body images downloaded: 1, failed: 2" in out
    assert f"{old_site}/missing.png: HTTP 404 (removed from the body)" not in out  # first attempt: kept for a retry
    article = Article.objects.get()
    stored = ImportedAsset.objects.get(kind="body", source_url=f"{old_site}/ok.png").stored_name
    assert stored.startswith("imported/") and default_storage.exists(stored)
    assert f'src="{default_storage.url(stored)}"' in article.body and f'src="{old_site}/ok.png"' not in article.body
    # The caption shortcode became one figure with its caption, shown once.
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("Sintered magnets at the works") == 1
    assert re.search(r"<figure>.*<img[^>]+>.*<figcaption>Sintered magnets at the works</figcaption></figure>", html, re.S)

    failed = ImportedAsset.objects.get(source_url=f"{old_site}/missing.png")
    assert (failed.attempts, failed.last_error) == (1, "HTTP 404")
    for _ in range(MAX_ATTEMPTS - 1):  # the retries (the worker runs them later; here, in turn)
        report = download_body_images(article_ids=[article.pk], timeout=2)
    assert set(report.given_up) == {f"{old_site}/missing.png", f"{old_site}/not-an-image.png"}
    article.refresh_from_db()
    assert old_site not in article.body.replace(f'href="{old_site}/ok.png"', "")
    assert "Text between." in article.body and "Sintered magnets" in article.body
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and old_site + "/missing.png" not in response.content.decode()

    body = article.body
    again, _ = run("import_wordpress", wxr(tmp_path, old_site), download_media=True, media_timeout=2)
    assert "unchanged: 1" in again and "body images downloaded: 0, failed: 0" in again
    assert ImportedAsset.objects.filter(kind="body").count() == 3  # nothing recorded twice
    article.refresh_from_db()
    assert article.body == body
