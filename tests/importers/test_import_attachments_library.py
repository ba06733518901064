"""WordPress attachments become library images: with WordPress's alt text
and caption, downloaded in the body images task from a local old site,
validated like uploads, once per attachment (across stories and re-runs),
and the body's picture (at its own URL or a resized copy) placed as the
library's figure."""

from __future__ import annotations

import pytest

from articles.models import Article
from images.models import LibraryImage
from importers.models import ImportedAsset

from .importing import run
from .test_import_media import old_site  # noqa: F401 (the fixture: a local old site)

pytestmark = pytest.mark.django_db


def attachment(post_id: int, parent: int, url: str, alt: str, caption: str) -> str:
    return (f"<item><title>photo {post_id}</title><wp:post_id>{post_id}</wp:post_id>"
            f"<wp:post_parent>{parent}</wp:post_parent><wp:post_type>attachment</wp:post_type>"
            f"<wp:status>inherit</wp:status><wp:attachment_url>{url}</wp:attachment_url>"
            f"<excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>"
            "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
            f"<wp:meta_value><![CDATA[{alt}]]></wp:meta_value></wp:postmeta></item>")


def post(post_id: int, slug: str, body: str, thumbnail: int | None = None) -> str:
    thumb = (f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{thumbnail}</wp:meta_value>"
             "</wp:postmeta>") if thumbnail else ""
    return (f"<item><title>Story {post_id}</title><link>https://old.example.org/{slug}/</link><dc:creator>ed</dc:creator>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded><wp:post_id>{post_id}</wp:post_id>"
            f"<wp:post_date_gmt>2024-01-0{post_id} 10:00:00</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>"
            f"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>{thumb}</item>")


def wxr(tmp_path, base: str):
    first = (f'[caption id="attachment_7" align="alignnone" width="40"]<a href="{base}/ok.png"><img src="{base}/ok.png" '
             f'alt="A magnet" width="40" height="30"></a> Sintered magnets at the works[/caption]\n\nText one.')
    second = f'Text two.\n\n<img src="{base}/ok-300x200.png" alt="small">\n\n<img src="{base}/not-an-image.png" alt="x">'
    path = tmp_path / "attachments.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title>'
        "<wp:base_site_url>https://old.example.org</wp:base_site_url>"
        + attachment(7, 1, f"{base}/ok.png", "Sintered magnet blocks on a tray", "Magnets at the Baotou works")
        + attachment(8, 2, f"{base}/not-an-image.png", "Not a picture", "")
        + post(1, "magnets", first) + post(2, "prices", second, thumbnail=7)
        + "</channel></rss>",
        encoding="utf-8",
    )
    return path


def test_attachments_become_library_images_placed_in_the_bodies(tmp_path, old_site, client):  # noqa: F811
    out, _ = run("import_wordpress", wxr(tmp_path, old_site), download_media=True, media_timeout=2)
    assert "attachments into the image library: 1 made, 2 body images placed from it" in out
    image = LibraryImage.objects.get()  # one for attachment 7, met in both stories; none for the fake
    assert (image.alt_text, image.caption) == ("Sintered magnet blocks on a tray", "Magnets at the Baotou works")
    assert image.width == 40 and image.height == 30 and image.file.name.startswith("library/")
    first, second = Article.objects.order_by("published_at")
    figure = f'<figure data-library-image="{image.pk}"><img src="{image.file.url}" alt="Sintered magnet blocks on a tray">'
    for article in (first, second):
        assert figure in article.body, article.body
        assert f'src="{old_site}/ok' not in article.body
    assert "Text one." in first.body and "Text two." in second.body
    html = client.get(first.get_absolute_url()).content.decode()
    assert 'alt="Sintered magnet blocks on a tray"' in html and html.count("Magnets at the Baotou works") == 1
    assert old_site not in html
    assert out.count(f"{old_site}/not-an-image.png: ") == 1  # reported once, retried later
    assert ImportedAsset.objects.filter(kind="attachment", library_image=image).count() == 1

    bodies = [first.body, second.body]
    again, _ = run("import_wordpress", wxr(tmp_path, old_site), download_media=True, media_timeout=2)
    assert "unchanged: 2" in again and LibraryImage.objects.count() == 1
    assert [a.body for a in Article.objects.order_by("published_at")] == bodies


def test_an_attachment_no_body_shows_still_lands_in_the_library_and_a_pdf_does_not(tmp_path, old_site):  # noqa: F811
    path = tmp_path / "gallery.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title>'
        "<wp:base_site_url>https://old.example.org</wp:base_site_url>"
        + attachment(9, 1, f"{old_site}/ok.png", "A separation plant", "")
        + attachment(10, 1, f"{old_site}/report.pdf", "", "")
        + post(1, "gallery", "Only text.") + "</channel></rss>",
        encoding="utf-8",
    )
    out, _ = run("import_wordpress", path, download_media=True, media_timeout=2)
    image = LibraryImage.objects.get()
    assert image.alt_text == "A separation plant" and image.caption == ""
    assert "report.pdf" not in out  # not a picture: recorded, never fetched
    assert ImportedAsset.objects.get(source_url=f"{old_site}/report.pdf").attempts == 0
    assert Article.objects.get().body == "<p>Only text.</p>"
    run("import_wordpress", path, download_media=True, media_timeout=2)
    assert LibraryImage.objects.count() == 1
