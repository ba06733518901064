import io

import pytest
from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from images.models import LibraryImage
from tests.factories import image_upload, png_bytes

pytestmark = pytest.mark.django_db


class ImageForm(forms.ModelForm):
    class Meta:
        model = LibraryImage
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]


def _form(upload):
    return ImageForm(data={"alt_text": "A smelter", "caption": "Baotou", "credit": "Staff", "focal_x": 50, "focal_y": 50},
                     files={"file": upload})


def test_a_real_image_is_accepted_stored_under_a_generated_name_with_renditions(django_capture_on_commit_callbacks):
    form = _form(image_upload("../../etc/passwd name.png", width=1600, height=900))
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):  # the renditions task runs on commit
        image = form.save()
        assert image.renditions == {}  # not in the save itself
    image.refresh_from_db()
    assert image.file.name.startswith("library/")
    assert "passwd" not in image.file.name
    widths = {k: v["width"] for k, v in image.renditions.items()}
    assert widths == {"small": 480, "medium": 800, "large": 1200, "square": 240, "card": 480, "og": 1200}
    for info in image.renditions.values():
        assert default_storage.exists(info["name"])


def test_a_non_image_is_refused_with_a_form_error():
    fake = SimpleUploadedFile("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>",
                              content_type="image/png")
    form = _form(fake)
    assert not form.is_valid()
    assert "file" in form.errors


def test_an_oversized_image_file_is_refused_with_a_form_error(settings):
    settings.IMAGE_MAX_BYTES = 1000
    form = _form(SimpleUploadedFile("big.png", png_bytes(400, 400, "#123456"), content_type="image/png"))
    assert not form.is_valid()
    assert "MB" in str(form.errors["file"])


def test_an_image_with_too_many_pixels_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    form = _form(image_upload(width=200, height=200))
    assert not form.is_valid()
    assert "pixels" in str(form.errors["file"])


def test_renditions_carry_no_exif(django_capture_on_commit_callbacks):
    img = Image.new("RGB", (800, 600), "#446688")
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    form = _form(SimpleUploadedFile("x.jpg", buf.getvalue(), content_type="image/jpeg"))
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        image = form.save()
    image.refresh_from_db()
    with default_storage.open(image.renditions["card"]["name"]) as fh:
        data = fh.read()
    assert b"SecretCameraMaker" not in data
