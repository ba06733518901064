"""Plain factory functions for tests: real rows in the real database."""

from __future__ import annotations

import datetime
import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleAuthor
from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Position, Regulator
from images.models import LibraryImage
from newsroom.roles import sync_editorial_groups

_seq = itertools.count(1)
PASSWORD = "a-long-test-password-42"


def png_bytes(width: int = 64, height: int = 48, color: str = "#8a2b0c", fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, fmt)
    return buf.getvalue()


def image_upload(name: str = "photo.png", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


def make_user(username: str | None = None, *, group: str | None = None, superuser: bool = False, **extra):
    n = next(_seq)
    User = get_user_model()
    user = User.objects.create_user(
        username=username or f"user{n}", email=f"user{n}@example.com", password=PASSWORD,
        is_staff=bool(group) or superuser, is_superuser=superuser, **extra,
    )
    if group:
        if not Group.objects.filter(name=group).exists():
            # Transactional (browser) tests flush the tables, the groups included.
            sync_editorial_groups()
        user.groups.add(Group.objects.get(name=group))
    return user


def make_author(name: str | None = None, *, user=None) -> AuthorProfile:
    return AuthorProfile.objects.create(display_name=name or f"Author {next(_seq)}", user=user)


def make_library_image(upload=None, *, alt: str = "A picture", caption: str = "A caption", credit: str = "Staff",
                       **fields) -> LibraryImage:
    """A library image (its renditions are made on commit, by the task)."""
    return LibraryImage.objects.create(
        file=upload or image_upload(), alt_text=alt, caption=caption, credit=credit, **fields
    )


def make_article(
    title: str | None = None,
    *,
    status: str = Article.Status.PUBLISHED,
    published_at: datetime.datetime | None = None,
    tags: list[str] = (),
    authors: list[AuthorProfile] = (),
    officials: list[Official] = (),
    enterprises: list[Enterprise] = (),
    regulators: list[Regulator] = (),
    **fields,
) -> Article:
    n = next(_seq)
    if published_at is None and status in (Article.Status.PUBLISHED, Article.Status.ARCHIVED):
        published_at = timezone.now() - datetime.timedelta(hours=n)
    fields.setdefault("standfirst", f"Standfirst of article {n}.")
    fields.setdefault("highlights", [f"First point {n}", f"Second point {n}"])
    fields.setdefault("body", f"<p>Body of article {n} about rare earths.</p>")
    picture = {k: fields.pop(f"featured_image_{k}") for k in ("alt", "caption", "credit") if f"featured_image_{k}" in fields}
    if "featured_image" in fields and not isinstance(fields["featured_image"], LibraryImage | None):
        upload = fields.pop("featured_image")
        fields["featured_image"] = make_library_image(upload, **picture) if upload else None
    article = Article.objects.create(
        title=title or f"Article number {n}", status=status, published_at=published_at, **fields
    )
    if tags:
        article.tags.add(*tags)
    for i, author in enumerate(authors):
        ArticleAuthor.objects.create(article=article, author=author, order=i)
    article.officials.add(*officials)
    article.enterprises.add(*enterprises)
    article.regulators.add(*regulators)
    return article


def make_regulator(name: str | None = None, **fields) -> Regulator:
    return Regulator.objects.create(name=name or f"Regulator {next(_seq)}", **fields)


def make_enterprise(name: str | None = None, **fields) -> Enterprise:
    return Enterprise.objects.create(name=name or f"Enterprise {next(_seq)}", **fields)


def make_official(name: str | None = None, **fields) -> Official:
    return Official.objects.create(name=name or f"Official {next(_seq)}", **fields)


def make_position(official: Official, title: str = "Director", **fields) -> Position:
    if not any(k in fields for k in ("enterprise", "regulator", "organisation_name")):
        fields["organisation_name"] = "A government office"
    return Position.objects.create(official=official, title=title, **fields)


def staff_login(client, user) -> None:
    """``client.force_login(user)`` plus the admin visit a real sign-in
    makes: that response gives a staff session its page-cache marker
    (pagecache/staff.py), without which public pages are the cached ones."""
    client.force_login(user)
    client.get("/admin/")
