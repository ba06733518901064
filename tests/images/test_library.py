"""The image library: an upload is validated and cleaned like every image,
described (alt text, caption, credit), cropped around its focal point; placed
in stories it renders as a responsive <figure>, one file however often used."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from images.models import LibraryImage
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

GPS_IFD, MAKE = 0x8825, 0x010F


def _jpeg(size=(1600, 900), exif=None) -> bytes:
    img = Image.new("RGB", size, "#2255aa")
    img.paste((200, 30, 30), (0, 0, size[0] // 4, size[1]))  # a red band on the left
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, **({"exif": exif} if exif is not None else {}))
    return buf.getvalue()


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks):
    global _commit
    _commit = django_capture_on_commit_callbacks


_commit = None


def _upload(client, content: bytes, **fields):
    data = {"alt_text": "Ore trucks at the Bayan Obo mine", "caption": "Bayan Obo, May 2026",
            "credit": "Xinhua", "focal_x": "50", "focal_y": "50", **fields}
    data["file"] = SimpleUploadedFile("GPS home photo.jpg", content, content_type="image/jpeg")
    with _commit(execute=True):  # the renditions task runs on commit (immediate backend in tests)
        return client.post(reverse("admin:images_libraryimage_add"), data)


@pytest.fixture
def writer(client):
    user = make_user("writer1", group="Writers")
    client.force_login(user)
    return user


def test_a_writer_uploads_a_described_picture_and_gets_clean_renditions(client, writer):
    exif = Image.Exif()
    exif[MAKE] = "Phone Inc."
    exif.get_ifd(GPS_IFD)[2] = (40.0, 26.0, 46.0)
    response = _upload(client, _jpeg(exif=exif))
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = LibraryImage.objects.get()
    assert image.uploaded_by == writer
    assert image.file.name.startswith("library/") and "GPS" not in image.file.name
    assert (image.width, image.height) == (1600, 900)
    with Image.open(image.file.path) as stored:
        assert GPS_IFD not in stored.getexif() and MAKE not in stored.getexif()
    image.refresh_from_db()  # the renditions task ran (immediate backend in tests)
    assert set(image.renditions) == {"small", "medium", "large", "square", "card", "og"}
    assert image.renditions["large"]["width"] == 1200 and image.renditions["large"]["name"].endswith(".webp")
    assert image.renditions["medium"]["fallback"]["name"].endswith(".jpg")
    assert (image.renditions["square"]["width"], image.renditions["square"]["height"]) == (240, 240)


def test_alt_text_caption_and_credit_are_required_and_a_non_image_is_refused(client, writer):
    response = _upload(client, _jpeg(), alt_text="", caption="", credit="")
    errors = response.context["adminform"].form.errors
    assert {"alt_text", "caption", "credit"} <= set(errors)
    response = _upload(client, b"<?php echo 'not a picture'; ?>")
    assert "file" in response.context["adminform"].form.errors
    assert LibraryImage.objects.count() == 0


def _square_red_share(image: LibraryImage) -> float:
    path = Path(settings.MEDIA_ROOT) / image.renditions["square"]["name"]
    with Image.open(path) as square:
        pixels = list(square.convert("RGB").get_flattened_data())
    return sum(1 for r, g, b in pixels if r > 150 and b < 100) / len(pixels)


def test_the_square_crop_follows_the_focal_point(client, writer):
    _upload(client, _jpeg(), focal_x="0")
    image = LibraryImage.objects.get()
    image.refresh_from_db()
    # Focal point on the left edge: the crop holds the whole red band (400 of
    # its 900 columns); on the right edge, none of it.
    assert _square_red_share(image) > 0.4
    image.focal_x = 100
    with _commit(execute=True):
        image.save()
    image.refresh_from_db()
    assert _square_red_share(image) == 0


def _placed(image: LibraryImage) -> str:
    return (f'<p>Intro.</p><figure data-library-image="{image.pk}"><img src="{image.file.url}" alt="old">'
            f"<figcaption>old caption</figcaption></figure><p>More.</p>")


def test_a_placed_picture_renders_as_a_responsive_figure_and_reuse_keeps_one_file(client, writer):
    _upload(client, _jpeg())
    image = LibraryImage.objects.get()
    image.refresh_from_db()
    first = make_article("Mine expands", body=_placed(image))
    second = make_article("Trucks idle", body=_placed(image))
    for article in (first, second):
        html = client.get(article.get_absolute_url()).content.decode()
        figure = html.split('<figure class="library-figure">')[1].split("</figure>")[0]
        assert '<source type="image/webp" srcset="' in figure and " 480w" in figure and " 1200w" in figure
        assert ".jpg 800w" in figure  # the fallback's srcset
        assert 'width="1600" height="900"' in figure and 'loading="lazy"' in figure
        assert 'alt="Ore trucks at the Bayan Obo mine"' in figure  # the library's, not the stale copy
        assert "<figcaption>Bayan Obo, May 2026 <span class=\"credit\">Xinhua</span></figcaption>" in figure
        assert "old caption" not in html
    originals = [p for p in (Path(settings.MEDIA_ROOT) / "library").iterdir()]
    assert len(originals) == 1 and LibraryImage.objects.count() == 1


def test_a_deleted_library_picture_leaves_no_empty_frame(client, writer):
    _upload(client, _jpeg())
    image = LibraryImage.objects.get()
    article = make_article("Mine expands", body=_placed(image))
    image.delete()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<figure" not in html.split('class="body"')[1].split("</div>")[0]
    assert "Intro." in html and "More." in html


def test_the_picker_lists_matching_pictures_as_json(client, writer):
    _upload(client, _jpeg())
    _upload(client, _jpeg(), alt_text="A magnet factory floor", caption="Ningbo", credit="Reuters")
    url = reverse("admin:images_libraryimage_picker")
    everything = client.get(url).json()["images"]
    assert [i["alt"] for i in everything] == ["A magnet factory floor", "Ore trucks at the Bayan Obo mine"]
    found = client.get(url, {"q": "reuters"}).json()["images"]
    assert [(i["alt"], i["caption"], i["width"]) for i in found] == [("A magnet factory floor", "Ningbo", 1600)]
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_a_story_keeps_its_placed_picture_through_the_sanitizer(client, writer):
    _upload(client, _jpeg())
    image = LibraryImage.objects.get()
    article = make_article("Mine expands", body=_placed(image) + '<figure data-library-image="x1"><img src="javascript:alert(1)"></figure>',
                           status=Article.Status.DRAFT)
    assert f'<figure data-library-image="{image.pk}"><img src="{image.file.url}" alt="old">' in article.body
    assert "javascript:" not in article.body and 'data-library-image="x1"' not in article.body
