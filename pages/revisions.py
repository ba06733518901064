"""Page revisions on django-reversion (as articles'), with diffs from the
newsroom's text and body differs (``newsroom.diffs``, which compare plain
strings and so serve any model)."""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.db.models import QuerySet
from django.utils.safestring import SafeString
from reversion.models import Version

from newsroom.diffs import body_lines, lines_diff, words_diff

from .models import Page

# What a revision keeps and a revert restores: the content, never the state
# (status and publish time stay what the workflow made them) nor the slug
# and parent (the address is changed on purpose, with a redirect).
CONTENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("standfirst", "Standfirst"),
    ("body", "Body"),
    ("seo_title", "SEO title"),
    ("seo_description", "SEO description"),
    ("lists_staff", "Lists the staff"),
)
VERSIONED = (*(name for name, _ in CONTENT_FIELDS), "slug", "status", "published_at", "version")


def register_models() -> None:
    if not reversion.is_registered(Page):
        reversion.register(Page, fields=VERSIONED)


def page_versions(page: Page) -> QuerySet[Version]:
    """Newest first, with who made each."""
    return Version.objects.get_for_object(page).select_related("revision__user")


@dataclass
class FieldDiff:
    label: str
    changed: bool
    html: SafeString


def content_of(source: Version | Page) -> dict:
    if isinstance(source, Version):
        data = source.field_dict
        return {name: data.get(name) for name, _ in CONTENT_FIELDS}
    return {name: getattr(source, name) for name, _ in CONTENT_FIELDS}


def page_diff(old: Version | Page, new: Version | Page) -> list[FieldDiff]:
    """Field by field: the body block by block, the rest word by word."""
    a, b = content_of(old), content_of(new)
    out = []
    for name, label in CONTENT_FIELDS:
        before, after = a[name], b[name]
        if name == "body":
            html = lines_diff(body_lines(before or ""), body_lines(after or ""))
        else:
            html = words_diff(str(before if before is not None else ""), str(after if after is not None else ""))
        out.append(FieldDiff(label, before != after, html))
    return out
