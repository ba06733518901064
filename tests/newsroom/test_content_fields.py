"""The one list of an article's content fields (articles/content.py) and
everything derived from it: a field on the list that one of them does not
handle, or one handled that is not on the list, fails here.

Each test walks the list; a kind without a sample value below fails too, so
a new kind of field cannot slip past them."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import timezone
from taggit.forms import TagField

from articles.content import CONTENT_FIELDS, ContentField, Kind
from articles.models import Article
from articles.views import load_article_page
from core.admin_widgets import LinesField
from entities.models import Enterprise, Official, Regulator
from importers.jsonl import article_to_dict, export_queryset
from importers.records import record_from_mapping
from newsroom import editing, workflow
from newsroom.admin_inlines import ArticleAuthorInline
from newsroom.diffs import compare
from newsroom.pending import pending_change
from newsroom.previews import with_pending_change
from newsroom.revisions import Snapshot, snapshot_of_article
from tests.factories import (
    image_upload,
    make_author,
    make_enterprise,
    make_library_image,
    make_official,
    make_regulator,
)

from .editorial_fixtures import *  # noqa: F403 (fixtures)
from .workflow_support import ready_article

pytestmark = pytest.mark.django_db

STATE_FIELDS = {"status", "published_at", "expires_at"}
EXPORT_STATE_KEYS = {"status", "published_at", "expires_at", "source_id", "source_url", "redirects"}
ENTITY_FACTORIES = {Official: make_official, Enterprise: make_enterprise, Regulator: make_regulator}


def sample(spec: ContentField):
    """A new value for ``spec``, as a form would hand it to article_save."""
    return {
        Kind.TEXT: lambda: f"New {spec.label.lower()}",
        Kind.SLUG: lambda: "a-new-slug",
        Kind.RICH: lambda: "<p>A new body.</p>",
        Kind.LINES: lambda: ["A new point", "Another point"],
        Kind.IMAGE: lambda: make_library_image(image_upload("new-photo.png"), alt="A new picture"),
        Kind.TAGS: lambda: ["A new topic"],
        Kind.RELATION: lambda: [ENTITY_FACTORIES[spec.model](f"New {spec.name}").pk],
        Kind.BYLINE: lambda: [make_author("A new author").pk],
    }[spec.kind]()


def read(article: Article, spec: ContentField):
    """What readers' pages get from ``article`` for ``spec``, as plain values."""
    value = getattr(article, spec.name)
    if spec.kind is Kind.LINES:
        return list(value)
    if spec.kind is Kind.IMAGE:
        return value.pk if value else None
    if spec.kind is Kind.TAGS:
        return sorted(t.name for t in value.all())
    if spec.kind is Kind.RELATION:
        return sorted(e.pk for e in value.all())
    if spec.kind is Kind.BYLINE:
        return [a.pk for a in article.authors.all()]
    return value


def expected(spec: ContentField, value):
    if spec.kind is Kind.IMAGE:
        return value.pk
    return value


@pytest.fixture
def live(editor):
    past = timezone.now() - datetime.timedelta(days=1)
    return ready_article(status=Article.Status.PUBLISHED, published_at=past, authors=[make_author("Old author")],
                         highlights=["An old point"], standfirst="Old standfirst", body="<p>Old body.</p>",
                         featured_image=image_upload("old-photo.png"), featured_image_alt="Old alt")


def test_every_content_field_goes_through_a_pending_change_its_preview_and_publish(editor, live):
    before = {spec.name: read(live, spec) for spec in CONTENT_FIELDS}
    values = {spec.name: sample(spec) for spec in CONTENT_FIELDS}
    assert set(editing.EDITABLE_FIELDS) - set(editing.PUBLICATION_FIELDS) == set(values)

    editing.article_save(article=live, user=editor, data=values, expected_version=None)
    live.refresh_from_db()
    assert sorted(pending_change(live).data) == sorted(values)
    assert {spec.name: read(live, spec) for spec in CONTENT_FIELDS} == before  # readers still see the live text

    preview, shown = with_pending_change(load_article_page(Article.objects.get(pk=live.pk)))
    assert shown == sorted(values)
    workflow.article_publish(article=live, user=editor, override_reason="Checked by hand")
    published = Article.objects.get(pk=live.pk)
    assert pending_change(published) is None
    for spec in CONTENT_FIELDS:
        for article in (preview, published):
            got = read(article, spec)
            if expected(spec, values[spec.name]) is None:
                assert got and got != before[spec.name], spec.name
            else:
                assert got == expected(spec, values[spec.name]), spec.name


def test_revisions_keep_and_diffs_label_every_content_field(editor, live):
    snapshot_fields = set(Snapshot.__dataclass_fields__)
    assert snapshot_fields == {spec.name for spec in CONTENT_FIELDS} | STATE_FIELDS

    old = snapshot_of_article(live)
    editing.article_save(article=live, user=editor, data={spec.name: sample(spec) for spec in CONTENT_FIELDS},
                         expected_version=None)
    workflow.article_publish(article=live, user=editor, override_reason="Checked by hand")
    new = snapshot_of_article(Article.objects.get(pk=live.pk))
    diffs = compare(old, new)
    history = [spec for spec in CONTENT_FIELDS if spec.in_history]
    assert [d.label for d in diffs] == [spec.label for spec in history]
    assert all(d.changed for d in diffs), [d.label for d in diffs if not d.changed]
    assert len({spec.label for spec in CONTENT_FIELDS}) == len(CONTENT_FIELDS)  # labels tell fields apart


def test_the_admin_edits_every_content_field(editor):
    model_admin = admin.site.get_model_admin(Article)
    request = RequestFactory().get("/")
    request.user = editor
    form = model_admin.get_form(request, None)
    in_form = [spec for spec in CONTENT_FIELDS if spec.in_form]
    content_in_fieldsets = [name for _title, options in model_admin.get_fieldsets(request, None)
                            for name in options["fields"] if name not in ("loaded_version", *STATE_FIELDS)]
    assert [n for n in content_in_fieldsets if n in form.base_fields and n not in {
        "source_url", "created_by", "created_at", "updated_at", "version"}] == [s.name for s in in_form]
    assert {s.name for s in in_form} <= set(form.base_fields)
    for spec in in_form:
        if spec.kind is Kind.LINES:
            assert isinstance(form.base_fields[spec.name], LinesField), spec.name
        if spec.kind is Kind.TAGS:
            assert isinstance(form.base_fields[spec.name], TagField), spec.name
    # The byline is edited in its inline, not as a form field.
    assert [spec.kind for spec in CONTENT_FIELDS if not spec.in_form] == [Kind.BYLINE]
    assert ArticleAuthorInline in model_admin.inlines


def test_the_export_writes_and_the_importer_reads_every_exported_field(editor, live):
    editing.article_save(article=live, user=editor, data={spec.name: sample(spec) for spec in CONTENT_FIELDS},
                         expected_version=None)
    workflow.article_publish(article=live, user=editor, override_reason="Checked by hand")
    exported = article_to_dict(export_queryset().get(pk=live.pk))
    exported_specs = [spec for spec in CONTENT_FIELDS if spec.export_key]
    assert set(exported) - EXPORT_STATE_KEYS == {spec.export_key for spec in exported_specs}

    record = record_from_mapping(exported, 1)
    for spec in exported_specs:
        value = getattr(record, spec.export_key)
        if spec.kind is Kind.BYLINE:
            value = [a.name for a in value]
        assert value == exported[spec.export_key] and value, spec.export_key
