"""Tests for ``manage.py load_demo``: idempotent, complete, public only where
intended, dated relative to now, and written in its own words (nothing copied
from the seed article)."""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Correction
from authors.models import AuthorProfile
from core.sanitize import html_to_text
from demo.loader import DemoDataError, DemoLoader, read_data
from demo.management.commands.load_demo import DEFAULT_PASSWORD
from entities.models import Enterprise, Official, Position, Regulator
from newsroom.models import AuditEntry
from subscriptions.models import Follow, Subscriber

DATA = read_data()
NON_PUBLIC = {a["slug"]: a["status"] for a in DATA.articles if a["status"] != "published"}
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
        "subscribers": Subscriber.objects.count(),
        "follows": Follow.objects.count(),
    }


def _image_names() -> dict[str, str]:
    names = {a.slug: a.featured_image.file.name for a in Article.objects.select_related("featured_image")}
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
    assert first["articles"] == len(DATA.articles)
    assert first["tags"] == len(DATA.tags)


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
        assert article.featured_image, article.slug  # a library image
        assert default_storage.exists(article.featured_image.file.name), article.slug
        assert article.featured_image_alt and article.featured_image_credit, article.slug
        assert set(article.featured_image_renditions) == {"small", "medium", "large", "square", "card", "og"}, \
            article.slug
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


def _written_state() -> dict[str, Any]:
    """What a run that writes anything would change: versions, dates and
    save times of articles, entities and positions, password hashes, audit."""
    return {
        "articles": sorted(Article.objects.values_list("slug", "version", "published_at", "updated_at")),
        "officials": sorted(Official.objects.values_list("slug", "updated_at")),
        "enterprises": sorted(Enterprise.objects.values_list("slug", "updated_at")),
        "regulators": sorted(Regulator.objects.values_list("slug", "updated_at")),
        "positions": sorted(Position.objects.values_list("id", "start_date", "end_date", "is_primary")),
        "passwords": sorted(get_user_model().objects.values_list("username", "password")),
        "corrections": sorted(Correction.objects.values_list("id", "text", "created_at")),
        "audit": AuditEntry.objects.count(),
        **_counts(),
    }


@pytest.mark.django_db
def test_a_rerun_in_the_same_hour_writes_nothing(demo: None) -> None:
    now = timezone.now()
    DemoLoader(now=now, password=DEFAULT_PASSWORD, data=DATA).run()  # catch up with this hour
    before = _written_state()
    loader = DemoLoader(now=now.replace(minute=59, second=59), password=DEFAULT_PASSWORD, data=DATA)
    loader.run()
    assert _written_state() == before
    assert not loader.created and loader.images_drawn == 0


def _file_date(slug: str) -> datetime.datetime:
    row = next(a for a in DATA.articles if a["slug"] == slug)
    return datetime.datetime.fromisoformat(row["published_at"])


@pytest.mark.django_db
def test_dates_follow_the_clock_and_event_stories_keep_theirs(demo: None) -> None:
    later = timezone.now() + datetime.timedelta(days=3)
    DemoLoader(now=later, password=DEFAULT_PASSWORD, data=DATA).run()
    hour = later.replace(minute=0, second=0, microsecond=0)
    rows = {a["slug"]: a for a in DATA.articles}
    dated = {slug: row for slug, row in rows.items() if row["published_at"]}
    assert any(row["demo"].get("pegged_to_date") for row in dated.values())
    for slug, row in dated.items():
        article = Article.objects.get(slug=slug)
        if row["demo"].get("pegged_to_date"):
            assert article.published_at == _file_date(slug), slug
        else:
            assert article.published_at == hour - datetime.timedelta(hours=row["demo"]["age_hours"]), slug
    newest = Article.objects.filter(status="published").order_by("-published_at").first()
    assert later - newest.published_at < datetime.timedelta(hours=48)
    assert Article.objects.get(status="scheduled").published_at > later


@pytest.mark.django_db
def test_on_a_clock_before_an_events_date_the_story_is_not_dated_in_the_future(demo: None) -> None:
    pegged = [a["slug"] for a in DATA.articles if a.get("demo", {}).get("pegged_to_date")]
    earliest = min(_file_date(slug) for slug in pegged)
    clock = earliest - datetime.timedelta(days=1)
    DemoLoader(now=clock, password=DEFAULT_PASSWORD, data=DATA).run()
    for article in Article.objects.filter(slug__in=pegged):
        assert article.published_at <= clock, article.slug
    assert not Article.objects.filter(status="published", published_at__gt=clock).exists()


@pytest.mark.django_db
def test_an_administrator_account_can_manage_staff(demo: None, client: Any) -> None:
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and admin.is_active
    assert admin.check_password(DEFAULT_PASSWORD)
    assert not AuthorProfile.objects.filter(user=admin).exists()
    client.force_login(admin)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_group_change", args=[Group.objects.get(name="Editors").pk])).status_code == 200
    editor = get_user_model().objects.get(username="editor")
    client.force_login(editor)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


@pytest.mark.django_db
def test_the_output_lists_every_account_with_its_password(demo: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", "another-local-password")
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    lines = {line.split()[0]: line for line in text.splitlines() if "password another-local-password" in line}
    assert set(lines) == {"editor", "writer", "admin"}
    assert "group Editors" in lines["editor"] and "group Writers" in lines["writer"]
    assert "administrator" in lines["admin"]
    assert get_user_model().objects.get(username="admin").check_password("another-local-password")
    assert "this run: 0 new records, 0 images drawn" in text


# "a" before a vowel, "an" before a consonant other than h (an hour, an honest).
_WRONG_ARTICLE = re.compile(r"\b(a [aeiou]|an [b-df-gj-np-tv-z])", re.IGNORECASE)


@pytest.mark.django_db
def test_alt_texts_and_captions_have_the_right_articles(demo: None) -> None:
    texts = []
    for article in Article.objects.all():
        texts += [article.featured_image_alt, article.featured_image_caption]
        texts += re.findall(r"<caption>(.*?)</caption>", article.body, re.DOTALL)
    texts += [official.photo_alt for official in Official.objects.all()]
    assert any("an iron-oxide" in t for t in texts), "the iron-oxide palette is not in the demo any more"
    for text in texts:
        assert not _WRONG_ARTICLE.search(text), text


@pytest.mark.django_db
def test_an_article_naming_an_unknown_official_is_refused_and_nothing_is_kept(demo: None, tmp_path: Path) -> None:
    shutil.copytree(DATA.directory, tmp_path / "data")
    path = tmp_path / "data" / "articles.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["officials"].append("Nobody Anyone Knows")
    first["title"] = "A title that must not survive"
    path.write_text("\n".join([json.dumps(first, ensure_ascii=False), *lines[1:]]) + "\n", encoding="utf-8")

    with pytest.raises(DemoDataError, match="Nobody Anyone Knows"), transaction.atomic():
        DemoLoader(now=timezone.now(), password=DEFAULT_PASSWORD, data=read_data(tmp_path / "data")).run()
    assert not Official.objects.filter(name="Nobody Anyone Knows").exists()
    assert not Article.objects.filter(title="A title that must not survive").exists()


def test_the_demo_has_an_about_page_a_masthead_and_a_footer_menu(demo: None, client) -> None:
    home = client.get("/").content.decode()
    footer = home[home.index('<nav aria-label="Site">'):]
    for label in ("About REE Exchange", "Masthead", "Ethics and corrections policy", "Contact", "Privacy notice"):
        assert f">{label}</a>" in footer, label
    masthead = client.get("/about/masthead/").content.decode()
    assert masthead.index("Helen Marsh") < masthead.index("Tom Reyes")
    assert "Managing editor" in masthead
    assert client.get("/about/").status_code == 200 and "<caption>Our desks</caption>" in client.get("/about/").content.decode()


def test_the_subscribers_section_has_counts_and_a_briefing_to_preview(demo: None, client) -> None:
    client.force_login(get_user_model().objects.get(username="editor"))
    overview = client.get("/admin/subscriptions/subscriber/overview/").content.decode()
    assert "9 confirmed addresses" in overview and "1 waiting for confirmation" in overview
    assert "Baotou Steel Group" in overview and "The daily briefing" in overview
    newest = Article.objects.published().newest_first().first()
    assert newest.published_at > timezone.now() - datetime.timedelta(days=1)
    preview = client.get("/admin/subscriptions/subscriber/overview/preview/")
    assert preview.status_code == 200 and newest.title in preview.content.decode()
    assert not Follow.objects.filter(subscriber__confirmed_at__isnull=False, confirmed_at__isnull=True).exists()
