"""An article's featured image is a library image: its card and link-preview
crops keep the focal point in frame, and the article page, lists, feeds,
JSON-LD, Open Graph and the API all show that picture."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.factories import make_article, make_library_image, make_user

pytestmark = pytest.mark.django_db


def _tall_picture() -> SimpleUploadedFile:
    """A square picture, red across its top quarter: any 16:9 or 1.9:1 crop
    of it must drop rows, so where the crop sits shows in its pixels."""
    img = Image.new("RGB", (1200, 1200), "#2255aa")
    img.paste((200, 30, 30), (0, 0, 1200, 300))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return SimpleUploadedFile("square.png", buf.getvalue(), content_type="image/png")


def _red_share(info: dict) -> float:
    with Image.open(Path(settings.MEDIA_ROOT) / info["name"]) as crop:
        pixels = list(crop.convert("RGB").get_flattened_data())
    return sum(1 for r, g, b in pixels if r > 150 and b < 100) / len(pixels)


@pytest.mark.parametrize("crop, size", [("card", (480, 270)), ("og", (1200, 630))])
def test_the_card_and_link_preview_crops_keep_the_focal_point(crop, size, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the renditions task runs on commit
        picture = make_library_image(_tall_picture(), focal_y=0)
    picture.refresh_from_db()
    info = picture.renditions[crop]
    assert (info["width"], info["height"]) == size
    # Subject at the top: the crop holds the whole red band (300 of the
    # 675 or 632 rows it keeps); subject at the bottom: none of it.
    assert _red_share(info) > 0.4
    assert _red_share(info["fallback"]) > 0.4  # the JPEG fallback is cut the same way
    picture.focal_y = 100
    with django_capture_on_commit_callbacks(execute=True):
        picture.save()
    picture.refresh_from_db()
    assert _red_share(picture.renditions[crop]) == 0


@pytest.fixture
def pictured(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        picture = make_library_image(_tall_picture(), alt="Ore trucks at Bayan Obo", caption="The pit in May",
                                     credit="Xinhua", focal_y=10)
        article = make_article("Pictured quota story", featured_image=picture, tags=["Quotas"])
    picture.refresh_from_db()
    return article, picture


def _url(picture, name: str) -> str:
    return f"{settings.MEDIA_URL}{picture.renditions[name]['name']}"


def test_the_article_page_shows_the_library_picture_responsively(client, pictured, django_assert_max_num_queries):
    article, picture = pictured
    with django_assert_max_num_queries(12):
        html = client.get(article.get_absolute_url()).content.decode()
    lead = html[html.index('<figure class="lead-image">'):]
    lead = lead[: lead.index("</figure>")]
    assert '<source type="image/webp" srcset="' in lead
    assert f"{_url(picture, 'small')} 480w" in lead and f"{_url(picture, 'large')} 1200w" in lead
    assert picture.renditions["large"]["fallback"]["name"] in lead  # the JPEG fallback for the <img>
    assert 'alt="Ore trucks at Bayan Obo" width="1200" height="1200"' in lead
    assert "The pit in May" in lead and "Xinhua" in lead
    # Link previews get the 1200×630 crop around the focal point.
    assert f'<meta property="og:image" content="{settings.SITE_URL}{_url(picture, "og")}">' in html
    ld = json.loads(html.split('<script type="application/ld+json"')[1].split(">", 1)[1].split("</script>")[0])
    assert ld["image"]["url"] == settings.SITE_URL + _url(picture, "large")
    assert ld["image"]["caption"] == "The pit in May"


def test_lists_show_the_card_crop_without_a_query_per_card(client, pictured, django_assert_max_num_queries):
    article, picture = pictured
    for i in range(3):
        make_article(f"Another story {i}", featured_image=make_library_image(), tags=["Quotas"])
    with django_assert_max_num_queries(10):
        html = client.get("/topics/quotas/").content.decode()
    assert f'src="{_url(picture, "card")}" alt="Ore trucks at Bayan Obo" width="480" height="270"' in html


def test_feeds_and_the_api_carry_the_library_picture(client, pictured):
    article, picture = pictured
    rss = client.get("/feeds/rss/").content.decode()
    enclosure = rss[rss.index("<enclosure "):].split(">", 1)[0]
    assert f'url="{settings.SITE_URL}{_url(picture, "large")}"' in enclosure and 'type="image/webp"' in enclosure
    assert "Ore trucks at Bayan Obo" in rss
    image = client.get(f"/api/articles/{article.slug}/").json()["image"]
    assert image["url"] == settings.SITE_URL + _url(picture, "large")
    assert (image["alt"], image["credit"]) == ("Ore trucks at Bayan Obo", "Xinhua")


def test_the_desk_chooses_the_featured_image_from_the_library_with_a_preview(client, pictured):
    article, picture = pictured
    editor = make_user("chief", superuser=True)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    select = page[page.index('name="featured_image"') - 400:page.index('name="featured_image"') + 600]
    assert "data-image-preview=" in select and f'<option value="{picture.pk}" selected>' in select
    assert "admin_extra/featured_preview.js" in page
    preview = client.get(reverse("admin:images_libraryimage_picker"), {"id": picture.pk}).json()["images"]
    assert [(p["id"], p["card"], p["alt"]) for p in preview] == [(picture.pk, _url(picture, "card"), picture.alt_text)]
    assert Article.objects.get(pk=article.pk).featured_image == picture


def test_editing_the_library_picture_refreshes_cached_pages_that_show_it(client, pictured, settings,
                                                                         django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    article, picture = pictured
    for url in (article.get_absolute_url(), "/topics/quotas/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    picture.alt_text = "Ore trucks leaving the Bayan Obo pit"
    with django_capture_on_commit_callbacks(execute=True):  # the purge runs on commit
        picture.save()
    for url in (article.get_absolute_url(), "/topics/quotas/"):
        assert 'alt="Ore trucks leaving the Bayan Obo pit"' in client.get(url).content.decode(), url
