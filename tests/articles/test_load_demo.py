"""Tests for ``manage.py load_demo``: idempotent, complete, public only where
intended, and written in its own words (nothing copied from the seed article)."""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone
from taggit.models import Tag

from articles import demo_content
from articles.models import Article, ArticleAuthor, Correction
from authors.models import AuthorProfile
from core.sanitize import html_to_text
from entities.models import Enterprise, Official, Position, Regulator

NON_PUBLIC = {a["slug"]: a["status"] for a in demo_content.ARTICLES if a["status"] != "published"}
SEED_PATH = Path(settings.BASE_DIR).parent / "shared" / "seed-article.txt"


def _counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "bylines": ArticleAuthor.objects.count(),
        "corrections": Correction.objects.count(),
        "tags": Tag.objects.count(),
        "tagged": Article.tags.through.objects.count(),
        "regulators": Regulator.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "officials": Official.objects.count(),
        "positions": Position.objects.count(),
        "authors": AuthorProfile.objects.count(),
        "users": get_user_model().objects.count(),
    }


def _image_names() -> dict[str, str]:
    names = {a.slug: a.featured_image.name for a in Article.objects.all()}
    names.update({f"official:{o.slug}": o.photo.name for o in Official.objects.all()})
    return names


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.lower().split())


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("load_demo") / "media"
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(autouse=True)
def _media_root(settings: Any, demo_media: Path) -> None:
    """Overrides the per-test media folder of tests/conftest.py: the tests in
    this module share the images the demo drew once for the module."""
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any, demo_media: Path) -> Iterator[None]:
    """Load the demo once for the module (drawing ~30 images and their
    renditions is the slow part), inside a transaction rolled back at the end
    so no other test sees the data; each test runs in a savepoint within it."""
    with (
        override_settings(MEDIA_ROOT=demo_media),
        django_db_blocker.unblock(),
        transaction.atomic(),
        pytest.MonkeyPatch.context() as mp,
    ):
        mp.delenv("DEMO_PASSWORD", raising=False)
        # As if committed: the tasks it queues (renditions, lists) run.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", "--quiet")
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_second_run_creates_nothing_and_keeps_images(demo: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    first, images = _counts(), _image_names()
    call_command("load_demo", "--quiet")
    assert _counts() == first
    assert _image_names() == images
    assert first["articles"] == len(demo_content.ARTICLES)
    assert first["tags"] == len(demo_content.TAGS)


@pytest.mark.django_db
def test_published_and_hidden_articles(demo: None) -> None:
    published = Article.objects.published()
    assert published.count() >= 12
    slugs = set(published.values_list("slug", flat=True))
    assert set(NON_PUBLIC.values()) == {"draft", "review", "scheduled", "archived"}
    for slug in NON_PUBLIC:
        assert Article.objects.filter(slug=slug).exists()
        assert slug not in slugs
    newest = published.order_by("-published_at").first()
    assert timezone.now() - newest.published_at < datetime.timedelta(hours=48)
    scheduled = Article.objects.get(status="scheduled")
    assert scheduled.published_at > timezone.now()


@pytest.mark.django_db
def test_every_published_article_is_complete(demo: None) -> None:
    for article in Article.objects.published():
        assert len(article.highlights) >= 3, article.slug
        assert article.tags.exists(), article.slug
        assert article.bylines.exists(), article.slug
        assert article.standfirst, article.slug
        assert "<h2>" in article.body, article.slug
        assert article.featured_image, article.slug
        assert default_storage.exists(article.featured_image.name), article.slug
        assert article.featured_image_alt and article.featured_image_credit, article.slug
        assert set(article.featured_image_renditions) == {"thumb", "card", "large"}, article.slug
        for info in article.featured_image_renditions.values():
            assert default_storage.exists(info["name"]), info["name"]
    tables = [a for a in Article.objects.published() if "<caption>" in a.body and 'scope="col"' in a.body]
    assert len(tables) >= 3
    assert Correction.objects.filter(article__in=Article.objects.published(), kind="correction").exists()


@pytest.mark.django_db
def test_entities_accounts_and_internal_links(demo: None) -> None:
    central = Regulator.objects.get(slug="sasac")
    assert Regulator.objects.get(slug="inner-mongolia-sasac").parent == central
    assert Regulator.objects.get(slug="baotou-sasac").parent.slug == "inner-mongolia-sasac"
    assert Enterprise.objects.get(slug="china-northern-rare-earth").parent.slug == "baotou-steel-group"
    assert "sun shao-cheng" in Official.objects.get(slug="sun-shaocheng").search_names
    for official in Official.objects.all():
        assert official.bio and official.positions.exists(), official.slug
        assert official.photo and official.photo_alt and official.photo_renditions, official.slug

    User = get_user_model()
    editor, writer = User.objects.get(username="editor"), User.objects.get(username="writer")
    assert editor.is_staff and editor.groups.filter(name="Editors").exists()
    assert writer.is_staff and writer.groups.filter(name="Writers").exists()
    assert editor.check_password("ree-demo-password-2026")
    assert not editor.is_superuser
    assert AuthorProfile.objects.filter(user__isnull=True).count() == 1

    # Every internal profile/article link in a body points at something that exists.
    targets = {
        "officials": Official, "enterprises": Enterprise, "regulators": Regulator, "articles": Article,
        "authors": AuthorProfile, "topics": Tag,
    }
    public = set(Article.objects.published().values_list("slug", flat=True))
    for article in Article.objects.all():
        for kind, slug in re.findall(r'href="/(\w+)/([\w-]+)/"', article.body):
            assert targets[kind].objects.filter(slug=slug).exists(), f"{article.slug}: /{kind}/{slug}/"
            if kind == "articles" and article.slug in public:
                assert slug in public, f"{article.slug} links to a story readers cannot see: {slug}"


@pytest.mark.django_db
def test_no_sentence_copied_from_the_seed_article(demo: None) -> None:
    if not SEED_PATH.exists():
        pytest.skip(f"{SEED_PATH} is not available")
    seed = SEED_PATH.read_text(encoding="utf-8")
    pieces = re.split(r"(?<=[.!?])\s+|\n+|\|", seed)
    sentences = {_normalise(p.strip(" -")) for p in pieces if len(p.split()) > 8}
    assert sentences, "the seed file yielded no sentences to compare"
    for article in Article.objects.all():
        texts = [html_to_text(article.body), article.standfirst, article.title, *article.highlights]
        haystack = _normalise(" \n ".join(texts))
        for sentence in sentences:
            assert sentence not in haystack, f"{article.slug} copies the seed: {sentence!r}"
