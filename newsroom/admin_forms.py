"""The article admin's forms: the edit form, which hands ``editing.article_save``
only the fields a user changed and re-displays an edit conflict as a merge,
and the bulk publish and schedule forms. The content fieldsets and what the
form treats specially follow the one list in ``articles/content.py``."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.widgets import Script
from django.utils import timezone
from taggit.forms import TagField, TagWidgetMixin
from taggit.models import Tag
from taggit.utils import edit_string_for_tags, parse_tags

from articles.content import BY_NAME, CONTENT_FIELDS, Kind
from articles.models import Article
from core.admin_widgets import LinesField, LinesWidget, PlainHiddenInput
from images.forms import LibraryPickerMixin

from . import editing, workflow
from .pending import pending_change

DATETIME_INPUTS = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
SCHEDULE_PATTERN = r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?"


def content_fieldsets() -> list[tuple[str | None, dict]]:
    """The content fields in the edit form's fieldsets, in the list's order
    (the byline is the form's inline)."""
    groups: dict[str | None, list[str]] = {}
    for spec in CONTENT_FIELDS:
        if spec.in_form:
            groups.setdefault(spec.group, []).append(spec.name)
    return [(group, {"fields": names}) for group, names in groups.items()]


def _kind(name: str) -> Kind | None:
    return BY_NAME[name].kind if name in BY_NAME else None


class ArticleTagField(TagField):
    """taggit's field, also comparing against a posted hidden initial (a
    string), which the edit-conflict check relies on."""

    class hidden_widget(TagWidgetMixin, PlainHiddenInput):  # noqa: N801 (Django's attribute name)
        pass

    def has_changed(self, initial_value, data_value):
        if isinstance(initial_value, str):
            initial_value = [Tag(name=n) for n in parse_tags(initial_value)]
        return super().has_changed(initial_value, data_value)


class ArticleForm(LibraryPickerMixin, forms.ModelForm):
    highlights = LinesField(required=False, widget=LinesWidget("Highlight"),
                            help_text="Key points, in the order readers see them.")
    tags = ArticleTagField(required=False, help_text="A comma-separated list of tags.")
    # The version the form was loaded at: a save from an older one is refused.
    loaded_version = forms.IntegerField(widget=PlainHiddenInput, required=False)
    request_user = None  # set per request by ArticleAdmin.get_form

    class Media:
        # The body's word count and reading time, autosave (on the server)
        # and the names the text holds, to link while writing (the library's
        # picker comes with LibraryPickerMixin).
        js = [Script("admin_extra/body_stats.js", type="module"), Script("admin_extra/autosave.js", type="module"),
              Script("admin_extra/live_mentions.js", type="module")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        for name in ("published_at", "expires_at"):
            if name in self.fields:
                field = self.fields[name]
                field.help_text = f"{field.help_text} Date as YYYY-MM-DD, time as HH:MM, {zone}."
                # One date format on the desk (the schedule box is ISO too),
                # not en-gb's dd/mm/yyyy beside it.
                for widget, fmt in zip(getattr(field.widget, "widgets", ()), ("%Y-%m-%d", "%H:%M"), strict=False):
                    widget.format = fmt
        # Each field posts back the value it was loaded with, so a save
        # carries only what this user changed, even after an edit conflict.
        for name, field in self.fields.items():
            if name in editing.EDITABLE_FIELDS:
                field.show_hidden_initial = True
                if field.hidden_widget is forms.HiddenInput:
                    field.hidden_widget = PlainHiddenInput
        if self.instance.pk:
            self.initial["loaded_version"] = self.instance.version
            pending = pending_change(self.instance)
            if pending:
                # Editors keep working on the unpublished change, not the live text.
                self.initial.update(self._initial_from(pending.data))

    def _initial_from(self, data: dict) -> dict:
        out = {}
        for name, value in data.items():
            if name not in self.fields:
                continue
            if _kind(name) is Kind.TAGS:
                value = [Tag(name=n) for n in value]
            out[name] = value
        return out

    def workflow_data(self) -> dict:
        """The changed fields, as ``editing.article_save`` takes them."""
        return {
            name: self.cleaned_data[name]
            for name in self.changed_data
            if name in editing.EDITABLE_FIELDS and name in self.cleaned_data
        }

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.request_user is not None:
            expected = cleaned.get("loaded_version")
            conflict = editing.find_edit_conflict(article=self.instance, expected_version=expected)
            if conflict:
                conflict.kept = editing.keep_rejected_text(
                    article=self.instance, user=self.request_user, data=self.workflow_data(), base_version=expected
                )
                self._redisplay_after(conflict)
                raise ValidationError(str(conflict), code="edit_conflict")
        return cleaned

    def _redisplay_after(self, conflict) -> None:
        """Re-display the form as a merge: this user's changes stay as typed,
        fields only the other person changed show their new text, and the
        version moves on so saving again applies this user's changes."""
        fresh = self.__class__(instance=Article.objects.get(pk=self.instance.pk))
        mine = set(self.changed_data)
        data = self.data.copy()
        for name in conflict.changed_fields:
            if (name in mine or name not in self.fields
                    or name in ("published_at", "expires_at")):
                continue
            value = fresh[name].value()
            if _kind(name) is Kind.TAGS and not isinstance(value, str):
                value = edit_string_for_tags(value or [])
            for key in (self.add_prefix(name), self.add_initial_prefix(name)):
                if isinstance(value, list | tuple):
                    data.setlist(key, [str(v) for v in value])
                else:
                    data[key] = "" if value is None else str(value)
        data["loaded_version"] = str(conflict.current_version)
        self.data = data


class PublishForm(forms.Form):
    override_reason = forms.CharField(
        required=False, label="Reason to publish despite warnings",
        help_text="Needed for articles with pre-publish warnings; kept in each one's audit trail.",
    )


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label="Publish at", input_formats=DATETIME_INPUTS,
        # Text in the desk's one format (the publish date's, YYYY-MM-DD HH:MM),
        # not datetime-local, which each browser shows in its own locale's
        # order (mm/dd/yyyy beside the form's yyyy-mm-dd).
        widget=forms.DateTimeInput(attrs={"placeholder": "YYYY-MM-DD HH:MM", "pattern": SCHEDULE_PATTERN,
                                          "inputmode": "numeric"}, format="%Y-%m-%d %H:%M"),
        help_text="Date as YYYY-MM-DD, time as HH:MM.",
    )
    override_reason = forms.CharField(
        required=False, label="Reason to publish despite warnings",
        help_text="Needed when an article has pre-publish warnings.",
    )

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise ValidationError("Choose a time in the future.")
        return when


def parse_when(value: str) -> datetime.datetime:
    field = ScheduleForm.base_fields["when"]
    try:
        return field.clean(value)
    except ValidationError:
        raise workflow.WorkflowError("Give the date and time to publish at.") from None
