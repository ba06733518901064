"""The desk's own pages pass the W3C Nu HTML checker: the article list, an
article in review (as its editor and its writer see it), the desk on the
admin's home page, and the image library's list and forms."""

from __future__ import annotations

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from images.models import LibraryImage
from newsroom import editing, workflow
from tests.factories import make_author, make_user, png_bytes
from tests.newsroom.workflow_support import ready_article
from tests.nu_checker import java, nu_errors

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(java() is None and os.environ.get("REQUIRE_NU_CHECKER") != "1",
                       reason="the Nu checker needs Java 17 (apt-get install openjdk-17-jre-headless)"),
]
S = Article.Status

# What Django's own admin templates emit and we do not override; each is
# named with the reason it cannot be fixed in our markup.
DJANGO_ADMIN_ERRORS: tuple[tuple[str, str], ...] = (
    # A tabular inline (the pinned "You Might Also Like" picks) shows each
    # column's help text as a tooltip icon in its header, with no id, while
    # Django's BoundField still points the input's aria-describedby at
    # "<id>_helptext" (django/contrib/admin/templates/admin/edit_inline/tabular.html).
    ("The “aria-describedby” attribute must point to an element", 'name="related_links-'),
)


def ours(errors: list[str]) -> list[str]:
    return [e for e in errors if not any(message in e and where in e for message, where in DJANGO_ADMIN_ERRORS)]


@pytest.fixture
def desk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    writer, editor = make_user("wanda", group="Writers"), make_user("eddie", group="Editors")
    author = make_author("Wanda Li", user=writer)
    now = timezone.now()
    review = ready_article("Quota talks resume", owner=writer, status=S.REVIEW, authors=[author],
                           highlights=["Talks resume", "Quota up"])
    ready_article("Out tomorrow", owner=writer, status=S.SCHEDULED, published_at=now + datetime.timedelta(days=1))
    live = ready_article("Went out", owner=writer, status=S.PUBLISHED, expires_at=now + datetime.timedelta(days=9))
    editing.article_save(article=live, user=editor, data={"title": "Went out again"}, expected_version=None)
    back = ready_article("Needs work", owner=writer, status=S.REVIEW)
    workflow.article_send_back(article=back, user=editor, comment="Needs a second source.")
    ready_article("A draft", owner=writer)
    image = LibraryImage.objects.create(
        file=SimpleUploadedFile("mine.png", png_bytes(320, 200), content_type="image/png"),
        alt_text="Open-pit mine at Bayan Obo", caption="The mine", credit="Xinhua")
    return {"writer": writer, "editor": editor, "review": review, "back": back, "image": image}


def pages(desk) -> list[tuple[str, object, str]]:
    review = desk["review"]
    return [
        ("article list", desk["editor"], reverse("admin:articles_article_changelist")),
        ("article list, filtered", desk["editor"], reverse("admin:articles_article_changelist") + "?state=published"),
        ("in review, editor", desk["editor"], reverse("admin:articles_article_change", args=[review.pk])),
        ("in review, writer", desk["writer"], reverse("admin:articles_article_change", args=[review.pk])),
        ("sent back, writer", desk["writer"], reverse("admin:articles_article_change", args=[desk["back"].pk])),
        ("new article, writer", desk["writer"], reverse("admin:articles_article_add")),
        ("new article, editor", desk["editor"], reverse("admin:articles_article_add")),
        ("desk, writer", desk["writer"], reverse("admin:index")),
        ("desk, editor", desk["editor"], reverse("admin:index")),
        ("image library", desk["editor"], reverse("admin:images_libraryimage_changelist")),
        ("new image", desk["editor"], reverse("admin:images_libraryimage_add")),
        ("an image", desk["editor"], reverse("admin:images_libraryimage_change", args=[desk["image"].pk])),
    ]


def test_the_desk_pages_have_no_errors_in_our_markup(client, desk):
    found = {}
    for name, user, url in pages(desk):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, name
        if errors := ours(nu_errors(response.content.decode())):
            found[name] = errors
    assert found == {}
