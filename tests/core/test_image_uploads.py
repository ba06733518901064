"""Uploads are fully decoded before they are accepted, a refused or failed
save leaves no file behind, and originals lose their location metadata."""

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from images.models import LibraryImage
from tests.factories import make_user

pytestmark = pytest.mark.django_db

ORIENTATION, ARTIST, COPYRIGHT, MAKE, GPS_IFD = 0x0112, 0x013B, 0x8298, 0x010F, 0x8825


def _jpeg(*, exif: Image.Exif | None = None, size=(640, 480)) -> bytes:
    img = Image.new("RGB", size)
    for x in range(0, size[0], 8):  # some detail, so the scan data is long
        img.paste((x % 256, (x * 3) % 256, 90), (x, 0, x + 4, size[1]))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, **({"exif": exif} if exif is not None else {}))
    return buf.getvalue()


def _files(root) -> list[Path]:
    root = Path(root)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _post_image(client, upload):
    return client.post(reverse("admin:images_libraryimage_add"), {
        "file": upload, "alt_text": "A smelter", "caption": "Baotou", "credit": "Staff", "focal_x": "50",
        "focal_y": "50",
    })


def test_a_truncated_jpeg_is_a_form_error_in_the_admin_and_writes_no_file(client, settings):
    client.force_login(make_user(superuser=True))
    data = _jpeg()
    truncated = SimpleUploadedFile("photo.jpg", data[: len(data) // 2], content_type="image/jpeg")
    with Image.open(io.BytesIO(truncated.read())) as img:
        img.verify()  # the old check: the header alone passes
    truncated.seek(0)

    response = _post_image(client, truncated)

    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not LibraryImage.objects.exists()
    assert _files(settings.MEDIA_ROOT) == []


def test_a_failed_save_removes_the_original_it_stored(settings, monkeypatch):
    image = LibraryImage(alt_text="A smelter", caption="Baotou", credit="Staff")
    image.file = SimpleUploadedFile("photo.jpg", _jpeg(), content_type="image/jpeg")

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("django.db.models.Model.save", broken_save)
    with pytest.raises(RuntimeError):
        image.save()
    assert _files(settings.MEDIA_ROOT) == []


def test_the_stored_original_has_no_gps_but_keeps_orientation_and_credit(client):
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[ARTIST] = "Photo: Li Wei"
    exif[COPYRIGHT] = "REE Exchange"
    exif[MAKE] = "Canon"
    exif[GPS_IFD] = {1: "N", 2: (40.0, 49.0, 12.5), 3: "E", 4: (111.0, 40.0, 3.0)}
    upload = SimpleUploadedFile("photo.jpg", _jpeg(exif=exif), content_type="image/jpeg")
    with Image.open(io.BytesIO(upload.read())) as img:
        assert img.getexif().get_ifd(GPS_IFD)  # the upload does carry a location
    upload.seek(0)
    client.force_login(make_user(superuser=True))

    assert _post_image(client, upload).status_code == 302

    image = LibraryImage.objects.get()
    with default_storage.open(image.file.name) as stored:
        raw = stored.read()
    with Image.open(io.BytesIO(raw)) as img:
        stored_exif = img.getexif()
        assert img.format == "JPEG" and img.size == (640, 480)
        assert not stored_exif.get_ifd(GPS_IFD)
        assert GPS_IFD not in stored_exif and MAKE not in stored_exif
        assert stored_exif.get(ORIENTATION) == 6
        assert stored_exif.get(ARTIST) == "Photo: Li Wei"
        assert stored_exif.get(COPYRIGHT) == "REE Exchange"
    assert b"Canon" not in raw
