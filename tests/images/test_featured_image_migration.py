"""Featured images move into the image library (articles 0003–0005): every
article keeps its picture (the same stored file), its alt text, caption and
credit; a file two stories share becomes one library image; old revisions
still open, to the library image of their file; and going back gives each
article its old fields again."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from PIL import Image
from reversion.models import Version as LiveVersion

from articles.models import Article as LiveArticle
from images.models import LibraryImage
from newsroom.revisions import snapshot_from_version

BEFORE = [("articles", "0002_body_rich_text_editor")]
AFTER = [("articles", "0005_featured_image_is_a_library_image")]


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "#aa3311").save(buf, "PNG")
    return buf.getvalue()


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as every applied migration left them (reversion's too).
    executor = MigrationExecutor(connection)
    return executor._create_project_state(with_applied_migrations=True).apps


@pytest.fixture
def old_apps(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    _migrate(executor_leaves())


def executor_leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_every_featured_image_lands_in_the_library_and_comes_back(old_apps):
    Article = old_apps.get_model("articles", "Article")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    Revision = old_apps.get_model("reversion", "Revision")
    Version = old_apps.get_model("reversion", "Version")
    shared = default_storage.save("articles/shared.png", ContentFile(_png(800, 450)))
    own = default_storage.save("articles/own.png", ContentFile(_png(640, 480)))
    old = default_storage.save("articles/old.png", ContentFile(_png(300, 200)))
    Article.objects.create(title="Quota story", slug="quota", featured_image=shared,
                           featured_image_alt="Trucks at Bayan Obo", featured_image_caption="The pit, May",
                                   featured_image_credit="Xinhua",
                                   featured_image_renditions={"large": {"name": "renditions/x.webp", "width": 800,
                                                                        "height": 450}})
    Article.objects.create(title="Second story", slug="second", featured_image=shared,
                                    featured_image_alt="Trucks at Bayan Obo", featured_image_caption="The pit, May",
                                    featured_image_credit="Xinhua")
    third = Article.objects.create(title="Own picture", slug="own", featured_image=own,
                                   featured_image_alt="A magnet line", featured_image_caption="Ningbo",
                                   featured_image_credit="Staff")
    Article.objects.create(title="No picture", slug="bare")
    # A revision from before, when the story had another picture.
    ct, _ = ContentType.objects.get_or_create(app_label="articles", model="article")
    revision = Revision.objects.create(date_created="2026-01-01T00:00:00Z", comment="old")
    Version.objects.create(
        revision=revision, object_id=str(third.pk), content_type=ct, db="default", format="json", object_repr="x",
        serialized_data=json.dumps([{"model": "articles.article", "pk": third.pk, "fields": {
            "title": "Own picture", "slug": "own", "featured_image": old, "featured_image_alt": "An old photo",
            "featured_image_caption": "Then", "featured_image_credit": "Archive", "featured_image_renditions": {},
        }}]),
    )

    _migrate(AFTER)  # the renditions task runs on its commit (the immediate backend in tests)

    pictures = {a.slug: a.featured_image for a in LiveArticle.objects.select_related("featured_image")}
    assert pictures["bare"] is None
    assert pictures["quota"].pk == pictures["second"].pk  # one file, one library image
    quota, own_picture = pictures["quota"], pictures["own"]
    assert quota.file.name == shared and own_picture.file.name == own  # the same stored files
    assert (quota.alt_text, quota.caption, quota.credit) == ("Trucks at Bayan Obo", "The pit, May", "Xinhua")
    assert (own_picture.alt_text, own_picture.caption, own_picture.credit) == ("A magnet line", "Ningbo", "Staff")
    assert (quota.width, quota.height) == (800, 450)
    # The library's renditions were made (the worker's task, run on commit here).
    assert {"card", "og", "large", "square"} <= set(quota.renditions)
    assert default_storage.exists(quota.renditions["card"]["name"])
    # The old revision now names a library image holding its old file.
    version = LiveVersion.objects.get()
    snapshot = snapshot_from_version(version)
    old_picture = LibraryImage.objects.get(pk=snapshot.featured_image)
    assert old_picture.file.name == old and old_picture.alt_text == "An old photo"
    assert LibraryImage.objects.count() == 3
    assert default_storage.exists(shared) and default_storage.exists(own) and default_storage.exists(old)

    # And back again: each article has its file and words again.
    apps = _migrate(BEFORE)
    Article = apps.get_model("articles", "Article")
    rows = {a.slug: a for a in Article.objects.all()}
    assert rows["quota"].featured_image.name == shared and rows["second"].featured_image.name == shared
    assert rows["own"].featured_image_alt == "A magnet line" and rows["own"].featured_image_credit == "Staff"
    assert rows["bare"].featured_image.name in ("", None)
    fields = json.loads(apps.get_model("reversion", "Version").objects.get().serialized_data)[0]["fields"]
    assert fields["featured_image"] == old and fields["featured_image_alt"] == "An old photo"
