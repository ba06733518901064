"""The common shape every importer yields, and its validation.

Parsers (``wordpress.py``, ``jsonl.py``) turn their input into a stream of
``ArticleRecord`` (something to upsert), ``Skipped`` (deliberately left out,
counted by reason) and ``Failed`` (could not be read, reported with its line
or item number). The service in ``service.py`` consumes that stream; it never
sees the source format.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from articles.content import CONTENT_FIELDS, ContentField, Kind

STATUSES = ("draft", "review", "scheduled", "published", "archived")
# Statuses that need a publish date to mean anything to a reader.
DATED_STATUSES = ("scheduled", "published", "archived")
TAG_MAX_LENGTH = 100  # taggit's Tag.name
ENTITY_NAME_MAX_LENGTH = 200
AUTHOR_NAME_MAX_LENGTH = 150


class NotThisFormat(ValueError):
    """The file is not of the format the reader expects at all: the import
    stops with this one message."""


class RecordError(ValueError):
    """A record that cannot be imported; the message says why, in words an
    editor understands."""


@dataclass(frozen=True)
class AuthorRef:
    """A byline as a source names it. ``login`` (WordPress user name) is
    kept so imported authors get a matching, password-less user."""

    name: str
    login: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class AssetRef:
    """A media file the source referenced: recorded with its URL, not
    downloaded."""

    url: str
    kind: str = "attachment"  # or "featured"
    title: str = ""
    source_id: str = ""
    alt: str = ""  # WordPress's alt text of an attachment
    caption: str = ""


@dataclass
class ArticleRecord:
    """One article as read from a source, validated and normalised. Its
    content attributes are named by the content fields' export keys
    (articles/content.py); tests/newsroom/test_content_fields.py checks
    they cover every exported field."""

    number: int  # line (JSONL) or item (WXR) number, for reports
    title: str
    slug: str = ""
    standfirst: str = ""
    highlights: list[str] = field(default_factory=list)
    body_html: str = ""
    status: str = "draft"
    published_at: datetime.datetime | None = None
    expires_at: datetime.datetime | None = None
    authors: list[AuthorRef] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    officials: list[str] = field(default_factory=list)
    enterprises: list[str] = field(default_factory=list)
    regulators: list[str] = field(default_factory=list)
    source_id: str = ""
    source_url: str = ""
    redirects: list[str] = field(default_factory=list)
    assets: list[AssetRef] = field(default_factory=list)
    # What the summary should tell about this record (e.g. why it is a draft).
    notes: list[str] = field(default_factory=list)

    @property
    def wanted_slug(self) -> str:
        """The slug a new article gets if it is free: the given one, else
        one made from the title (``article`` for a title with no Latin
        letters, as the model does)."""
        return self.slug or slugify(self.title)[:255].strip("-") or "article"

    @property
    def match_key(self) -> tuple[str, str]:
        """How an existing article is found on re-import: the source
        identifier if there is one, else the source URL, else the slug."""
        if self.source_id:
            return ("source_id", self.source_id)
        if self.source_url:
            return ("source_url", self.source_url)
        return ("slug", self.slug or slugify(self.title)[:255].strip("-"))


@dataclass(frozen=True)
class Skipped:
    """Deliberately not imported (a page, a private post); counted by reason."""

    number: int
    reason: str


@dataclass(frozen=True)
class Failed:
    """Could not be read or imported; reported with its number and reason."""

    number: int
    reason: str


Item = ArticleRecord | Skipped | Failed


# --- validation helpers shared by the parsers ---------------------------------

_url_validator = URLValidator(schemes=["http", "https"])


def clean_text(value: Any, name: str, *, max_length: int | None = None, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RecordError(f"{name} must be text, not {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise RecordError(f"{name} is missing")
    if max_length and len(value) > max_length:
        raise RecordError(f"{name} is longer than {max_length} characters")
    return value


def clean_names(value: Any, name: str, *, max_length: int) -> list[str]:
    """A list of names, stripped, without blanks or case-insensitive
    duplicates, order kept."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"{name} must be a list of names")
    seen: dict[str, str] = {}
    for v in value:
        v = " ".join(v.split())
        if len(v) > max_length:
            raise RecordError(f"{name}: {v[:40]!r}… is longer than {max_length} characters")
        if v and v.lower() not in seen:
            seen[v.lower()] = v
    return list(seen.values())


def clean_slug(value: Any) -> str:
    value = clean_text(value, "slug", max_length=255)
    return slugify(value)[:255].strip("-")


def clean_url(value: Any, name: str = "source_url") -> str:
    value = clean_text(value, name, max_length=1000)
    if value:
        try:
            _url_validator(value)
        except ValidationError:
            raise RecordError(f"{name} {value[:80]!r} is not an http(s) URL") from None
    return value


def parse_datetime_with_offset(value: Any, name: str) -> datetime.datetime | None:
    """An ISO 8601 date-time with a UTC offset; impossible dates
    (2024-02-30) and times without an offset are errors, not guesses."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(f"{name} must be an ISO 8601 date-time string")
    try:
        parsed = datetime.datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise RecordError(f"{name} {value!r} is not a valid date-time ({exc})") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise RecordError(f"{name} {value!r} has no UTC offset (write e.g. 2024-03-05T09:30:00+08:00)")
    return parsed


def check_status(status: str, published_at: datetime.datetime | None) -> None:
    if status not in STATUSES:
        raise RecordError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    if status in DATED_STATUSES and published_at is None:
        raise RecordError(f"status {status!r} needs a published_at date")


# How a JSONL value of each kind of content field is read (see
# articles/content.py: the record's attribute is the field's export key).
_TEXT_LIMITS = {"title": 255}
_NAME_LIMITS = {Kind.TAGS: TAG_MAX_LENGTH, Kind.RELATION: ENTITY_NAME_MAX_LENGTH}


def _clean_lines(value: Any, name: str) -> list[str]:
    value = value or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"{name} must be a list of strings")
    return [v.strip() for v in value if v.strip()]


def _clean_content(spec: ContentField, value: Any) -> Any:
    key = spec.export_key or spec.name
    if spec.kind is Kind.SLUG:
        return clean_slug(value)
    if spec.kind in (Kind.TEXT, Kind.RICH):
        return clean_text(value, key, max_length=_TEXT_LIMITS.get(spec.name), required=spec.name == "title")
    if spec.kind is Kind.LINES:
        return _clean_lines(value, key)
    if spec.kind is Kind.BYLINE:
        return [AuthorRef(name=n) for n in clean_names(value, key, max_length=AUTHOR_NAME_MAX_LENGTH)]
    return clean_names(value, key, max_length=_NAME_LIMITS[spec.kind])


EXPORTED_CONTENT = tuple(f for f in CONTENT_FIELDS if f.export_key)


def record_from_mapping(data: Mapping[str, Any], number: int) -> ArticleRecord:
    """Validate one JSON object of the JSONL format into a record: every
    exported content field by its kind, then the state.

    Unknown keys are ignored so newer exports still load into older sites."""
    if not isinstance(data, Mapping):
        raise RecordError(f"expected a JSON object, got {type(data).__name__}")
    content = {f.export_key: _clean_content(f, data.get(f.export_key)) for f in EXPORTED_CONTENT}
    published_at = parse_datetime_with_offset(data.get("published_at"), "published_at")
    status = clean_text(data.get("status"), "status") or "draft"
    check_status(status, published_at)
    redirects = data.get("redirects") or []
    if not isinstance(redirects, list) or not all(isinstance(r, str) and r.startswith("/") for r in redirects):
        raise RecordError("redirects must be a list of paths starting with /")
    return ArticleRecord(
        number=number,
        **content,
        status=status,
        published_at=published_at,
        expires_at=parse_datetime_with_offset(data.get("expires_at"), "expires_at"),
        source_id=clean_text(data.get("source_id"), "source_id", max_length=500),
        source_url=clean_url(data.get("source_url")),
        redirects=list(dict.fromkeys(r[:500] for r in redirects)),
    )
