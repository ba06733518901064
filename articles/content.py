"""The one list of an article's content fields.

Content is what an editor writes and readers read: it goes to a pending
change while the article is live, is kept in revisions, compared in diffs,
laid over a preview, edited in the admin's content fieldsets and written by
the export. Each of those reads ``CONTENT_FIELDS`` and treats a field by its
``kind``, so adding an editable field means the model, its migration, the
template, the API if it should be there, and one line here.
``tests/newsroom/test_content_fields.py`` fails when a consumer does not
cover exactly these fields.

State (status, publish and expiry times, provenance) is not content: the
workflow sets it on the row, and revert never touches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models

from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Regulator
from images.models import LibraryImage


class Kind(StrEnum):
    TEXT = "text"  # a line or paragraph of plain text
    RICH = "rich"  # sanitized HTML (the body)
    LINES = "lines"  # a list of short texts, in order (highlights)
    SLUG = "slug"  # the URL; set by the workflow, not by a revert
    IMAGE = "image"  # a picture of the image library, by id
    TAGS = "tags"  # taggit tags, by name
    RELATION = "relation"  # a many-to-many to ``model``, by id
    BYLINE = "byline"  # ordered author profile ids (ArticleAuthor rows)


@dataclass(frozen=True)
class ContentField:
    name: str
    kind: Kind
    label: str  # in diffs
    group: str | None = None  # the admin fieldset it is edited in (None: the first)
    export_key: str | None = None  # its key in the JSONL export; None: not exported
    model: type[models.Model] | None = None  # for relations, the byline and the image

    @property
    def is_relation(self) -> bool:
        """Set after the row is saved (many-to-many or the byline's rows)."""
        return self.kind in (Kind.TAGS, Kind.RELATION, Kind.BYLINE)

    @property
    def in_history(self) -> bool:
        """Compared in diffs and restored by a revert (the slug is state:
        old URLs redirect, so a revert never moves the article)."""
        return self.kind is not Kind.SLUG

    @property
    def in_form(self) -> bool:
        """A field of the admin's article form (the byline is its inline)."""
        return self.kind is not Kind.BYLINE


IMAGE_GROUP = "Featured image"
TOPICS_GROUP = "Topics and mentions"

# In the order of the edit form, which diffs follow too.
CONTENT_FIELDS: tuple[ContentField, ...] = (
    ContentField("title", Kind.TEXT, "Title", export_key="title"),
    ContentField("slug", Kind.SLUG, "Slug", export_key="slug"),
    ContentField("standfirst", Kind.TEXT, "Standfirst", export_key="standfirst"),
    ContentField("highlights", Kind.LINES, "Highlights", export_key="highlights"),
    ContentField("body", Kind.RICH, "Body", export_key="body_html"),
    ContentField("featured_image", Kind.IMAGE, "Featured image", IMAGE_GROUP, model=LibraryImage),
    ContentField("tags", Kind.TAGS, "Tags", TOPICS_GROUP, export_key="tags"),
    ContentField("officials", Kind.RELATION, "Officials", TOPICS_GROUP, "officials", Official),
    ContentField("enterprises", Kind.RELATION, "Enterprises", TOPICS_GROUP, "enterprises", Enterprise),
    ContentField("regulators", Kind.RELATION, "Regulators", TOPICS_GROUP, "regulators", Regulator),
    ContentField("bylines", Kind.BYLINE, "Byline", export_key="authors", model=AuthorProfile),
)

BY_NAME: dict[str, ContentField] = {f.name: f for f in CONTENT_FIELDS}


def of_kind(*kinds: Kind) -> tuple[ContentField, ...]:
    return tuple(f for f in CONTENT_FIELDS if f.kind in kinds)


def names(fields: tuple[ContentField, ...] = CONTENT_FIELDS) -> tuple[str, ...]:
    return tuple(f.name for f in fields)


# Set on the row itself (the rest are relations, set after it is saved).
ROW_FIELDS = tuple(f for f in CONTENT_FIELDS if not f.is_relation)
RELATIONS = tuple(f for f in CONTENT_FIELDS if f.is_relation)
# Many-to-many links to entities, compared and stored as id sets.
ENTITY_RELATIONS = of_kind(Kind.RELATION)
