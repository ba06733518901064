"""--download-media: featured images fetched with a hard timeout, failures
reported, the import itself unaffected."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from articles.models import Article
from importers.models import ImportedAsset
from tests.factories import png_bytes

from .importing import run, summary_count

pytestmark = pytest.mark.django_db

PNG = png_bytes(40, 30)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path == "/ok.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PNG)))
            self.end_headers()
            self.wfile.write(PNG)
        elif self.path == "/slow.png":
            time.sleep(2)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/not-an-image.png":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<html>login page</html>")
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def old_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def wxr_with_images(tmp_path, base: str, names: list[str]):
    items = []
    for i, name in enumerate(names, start=1):
        items.append(f"""
<item><title>Post {i}</title><link>https://old.example.org/post-{i}/</link>
<dc:creator>ed</dc:creator><content:encoded><![CDATA[<p>Text {i}</p>]]></content:encoded>
<wp:post_id>{i}</wp:post_id><wp:post_date_gmt>2024-01-0{i} 10:00:00</wp:post_date_gmt>
<wp:post_name>post-{i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{100 + i}</wp:meta_value></wp:postmeta></item>
<item><title>Picture {i}</title><wp:post_id>{100 + i}</wp:post_id><wp:post_parent>{i}</wp:post_parent>
<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>{base}/{name}</wp:attachment_url></item>""")
    path = tmp_path / "images.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title>'
        "<wp:base_site_url>https://old.example.org</wp:base_site_url>" + "".join(items) + "</channel></rss>",
        encoding="utf-8",
    )
    return path


def test_with_no_download_media_nothing_is_fetched_and_urls_are_recorded(tmp_path):
    out, _ = run("import_wordpress", wxr_with_images(tmp_path, "http://127.0.0.1:9", ["ok.png"]),
                 download_media=False)
    assert "media downloaded" not in out
    assert ImportedAsset.objects.get(kind="featured").source_url == "http://127.0.0.1:9/ok.png"
    assert not Article.objects.get().featured_image


def test_download_media_stores_images_and_reports_each_failure(tmp_path, old_site, django_capture_on_commit_callbacks):
    path = wxr_with_images(tmp_path, old_site, ["ok.png", "slow.png", "missing.png", "not-an-image.png"])
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):  # renditions are a task, on commit
        out, _ = run("import_wordpress", path, download_media=True, media_timeout=0.5)
    assert time.monotonic() - started < 10
    assert summary_count(out, "created") == 4
    assert summary_count(out, "media downloaded") == 1
    assert summary_count(out, "media failed") == 3
    assert f"{old_site}/slow.png: timed out after 0.5 s" in out
    assert f"{old_site}/missing.png: HTTP 404" in out
    assert f"{old_site}/not-an-image.png: Upload a JPEG, PNG, WebP or GIF image" in out
    with_image = Article.objects.get(title="Post 1")
    assert with_image.featured_image
    assert with_image.featured_image_alt == "Picture 1"
    assert with_image.image_url("card")


def test_a_closed_network_fails_cleanly(tmp_path):
    # Port 9 (discard) on localhost: nothing listens, the connection is refused.
    out, _ = run("import_wordpress", wxr_with_images(tmp_path, "http://127.0.0.1:9", ["ok.png"]),
                 download_media=True, media_timeout=1)
    assert summary_count(out, "created") == 1
    assert "http://127.0.0.1:9/ok.png: could not connect" in out
