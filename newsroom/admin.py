"""Article admin: the newsroom's desk.

Every state change goes through ``newsroom/workflow.py``: the workflow
buttons on the change form and the bulk actions call its services, and
content saves go through ``workflow.article_save`` (optimistic locking,
pending changes on live articles). Who may do what is decided by
``newsroom/permissions.py``; hidden buttons are a convenience, not the rule.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from taggit.forms import TagField, TagWidgetMixin
from taggit.models import Tag
from taggit.utils import edit_string_for_tags, parse_tags

from articles.models import Article, ArticleAuthor, ArticleRedirect, Correction, TrashedArticle
from articles.querysets import byline_prefetch
from core.admin_widgets import LinesField, SafeAutocompleteAdminMixin, thumbnail
from recommendations.admin import ComputedRelatedInline, PinnedRelatedInline

from . import (
    admin_tasks,  # noqa: F401, E402  (registers the task queue in the admin)
    checks,
    workflow,
)
from .admin_corrections import CorrectionAccessMixin
from .admin_editorial import EditorialToolsMixin
from .admin_tags import TagHygieneAdminMixin
from .models import AuditEntry, PendingChange
from .permissions import can_delete, can_edit, can_view, is_editor

DATETIME_INPUTS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class ArticleTagField(TagField):
    """taggit's field, also comparing against a posted hidden initial (a
    string), which the edit-conflict check relies on."""

    class hidden_widget(TagWidgetMixin, forms.HiddenInput):  # noqa: N801 (Django's attribute name)
        pass

    def has_changed(self, initial_value, data_value):
        if isinstance(initial_value, str):
            initial_value = [Tag(name=n) for n in parse_tags(initial_value)]
        return super().has_changed(initial_value, data_value)


class ArticleForm(forms.ModelForm):
    highlights = LinesField(required=False, help_text="One key point per line, in the order readers see them.")
    tags = ArticleTagField(required=False, help_text="A comma-separated list of tags.")
    # The version the form was loaded at: a save from an older one is refused.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    request_user = None  # set per request by ArticleAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each field posts back the value it was loaded with, so a save
        # carries only what this user changed, even after an edit conflict.
        for name, field in self.fields.items():
            if name in workflow.EDITABLE_FIELDS and name != "featured_image":
                field.show_hidden_initial = True
        if self.instance.pk:
            self.initial["loaded_version"] = self.instance.version
            pending = workflow.pending_change(self.instance)
            if pending:
                # Editors keep working on the unpublished change, not the live text.
                self.initial.update(self._initial_from(pending.data))

    def _initial_from(self, data: dict) -> dict:
        out = {}
        for name, value in data.items():
            if name not in self.fields:
                continue
            if name == "tags":
                value = [Tag(name=n) for n in value]
            elif name == "featured_image":
                field = Article._meta.get_field("featured_image")
                value = FieldFile(self.instance, field, value) if value else None
            out[name] = value
        return out

    def workflow_data(self) -> dict:
        """The changed fields, as ``workflow.article_save`` takes them."""
        return {
            name: self.cleaned_data[name]
            for name in self.changed_data
            if name in workflow.EDITABLE_FIELDS and name in self.cleaned_data
        }

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.request_user is not None:
            expected = cleaned.get("loaded_version")
            conflict = workflow.find_edit_conflict(article=self.instance, expected_version=expected)
            if conflict:
                conflict.kept = workflow.keep_rejected_text(
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
            if name in mine or name not in self.fields or name in ("featured_image", "published_at", "expires_at"):
                continue
            value = fresh[name].value()
            if name == "tags" and not isinstance(value, str):
                value = edit_string_for_tags(value or [])
            for key in (self.add_prefix(name), self.add_initial_prefix(name)):
                if isinstance(value, list | tuple):
                    data.setlist(key, [str(v) for v in value])
                else:
                    data[key] = "" if value is None else str(value)
        data["loaded_version"] = str(conflict.current_version)
        self.data = data


class PendingFilter(admin.SimpleListFilter):
    title = "unpublished changes"
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", "Live, with unpublished changes")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_pending=True)
        return queryset


class ArticleAuthorInline(SafeAutocompleteAdminMixin, admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline author"
    verbose_name_plural = "byline"


class CorrectionInline(admin.StackedInline):
    # Notes are added from the Corrections panel (newsroom/corrections.py),
    # which ties each to a revision and refreshes public pages.
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["kind", "text", "created_at", "created_by"]

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        # Writers read the editor's comments on their own articles. Django
        # also asks without an object when building the inline's queryset.
        if obj is None:
            return request.user.has_perm("articles.view_article")
        return can_view(request.user, obj)


class LatestAuditFormSet(forms.BaseInlineFormSet):
    """Only the latest entries: an article saved daily for years must not
    render thousands of rows. The full trail is one click away."""

    LIMIT = 20

    def get_queryset(self):
        if not hasattr(self, "_latest"):
            self._latest = super().get_queryset().select_related("user").order_by("-created_at", "-id")[:self.LIMIT]
        return self._latest


class AuditEntryInline(ReadOnlyInline):
    model = AuditEntry
    fk_name = "article"
    formset = LatestAuditFormSet
    verbose_name_plural = "audit trail (latest 20)"
    fields = ["created_at", "user", "action", "from_state", "to_state", "comment", "override_reason", "changed"]
    readonly_fields = fields

    @admin.display(description="Changed")
    def changed(self, obj: AuditEntry) -> str:
        return ", ".join(obj.changed_fields or []) or "—"


class PendingChangeInline(ReadOnlyInline):
    model = PendingChange

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    verbose_name = "kept text"
    verbose_name_plural = "unpublished changes and texts kept from refused saves"
    template = "admin/articles/article/kept_texts_inline.html"  # hidden when empty
    fields = ["kind", "created_by", "updated_at", "base_version", "text"]
    readonly_fields = fields

    @admin.display(description="Text")
    def text(self, obj: PendingChange):
        return format_html(
            "<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", sorted(obj.data.items()))
        )


@admin.register(Article)
class ArticleAdmin(SafeAutocompleteAdminMixin, EditorialToolsMixin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    delete_confirmation_template = "admin/articles/article/trash_confirmation.html"
    list_display = ["thumb", "title", "status", "live_edits", "published_at", "byline", "updated_at"]
    list_display_links = ["thumb", "title"]
    list_filter = ["status", PendingFilter, "published_at", "tags"]
    search_fields = ["title", "slug", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["officials", "enterprises", "regulators"]
    inlines = [ArticleAuthorInline, CorrectionInline, PinnedRelatedInline, ComputedRelatedInline,
               PendingChangeInline, AuditEntryInline]
    actions = ["submit_selected", "publish_selected", "schedule_selected", "archive_selected", "trash_selected"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "highlights", "body"]}),
        ("Featured image", {"fields": ["featured_image", "featured_image_alt", "featured_image_caption",
                                       "featured_image_credit"]}),
        ("Topics and mentions", {"fields": ["tags", "officials", "enterprises", "regulators"]}),
        ("Publication", {"fields": ["status", "published_at", "expires_at"]}),
        ("Record", {"classes": ["collapse"], "fields": ["source_url", "created_by", "created_at", "updated_at",
                                                        "version"]}),
    ]

    # ------------------------------------------------------------ who sees what

    def get_queryset(self, request):
        qs = (
            super().get_queryset(request).filter(deleted_at__isnull=True).prefetch_related(byline_prefetch())
            .annotate(has_pending=Exists(PendingChange.objects.filter(article=OuterRef("pk"), kind="pending")))
        )
        user = request.user
        if is_editor(user) or user.has_perm("articles.edit_any_article"):
            return qs
        own_bylines = ArticleAuthor.objects.filter(author__user_id=user.pk).values("article_id")
        return qs.filter(Q(created_by_id=user.pk) | Q(pk__in=own_bylines))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and from_field is None:
            try:
                exists = Article.objects.filter(pk=int(object_id), deleted_at__isnull=True).exists()
            except (TypeError, ValueError):
                exists = False
            if exists:
                raise PermissionDenied  # someone else's article: forbidden, not "missing"
        return obj

    def has_view_permission(self, request, obj=None) -> bool:
        if obj is not None:
            return can_view(request.user, obj)
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None:
            return can_edit(request.user, obj)
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None:
            return can_delete(request.user, obj)
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request) -> bool:
        return is_editor(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = ["status", "created_at", "updated_at", "created_by", "version"]
        if not is_editor(request.user):
            fields += ["published_at", "expires_at"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            first = dict(fieldsets[0][1])
            first["fields"] = [*first["fields"], "loaded_version"]
            fieldsets = [(fieldsets[0][0], first), *fieldsets[1:]]
        return fieldsets

    def get_inlines(self, request, obj):
        if obj is None:
            return [ArticleAuthorInline, CorrectionInline]
        # The same inlines for every request on an article: a form loaded
        # before a kept text existed must still post a valid management form.
        return self.inlines

    def view_on_site(self, obj: Article) -> str | None:
        # Only what readers can open; drafts 404 on the public site.
        return obj.get_absolute_url() if obj.is_public else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request_user = request.user  # a fresh class per call
        return form

    # ------------------------------------------------------------ saving

    def save_model(self, request, obj, form, change):
        current = Article.objects.get(pk=obj.pk) if change else None
        saved = workflow.article_save(
            article=current, user=request.user, data=form.workflow_data(),
            expected_version=form.cleaned_data.get("loaded_version") if change else None,
        )
        obj.pk = saved.pk
        obj.refresh_from_db()
        if change and saved.is_public and workflow.pending_change(saved):
            self.message_user(
                request, "Saved as an unpublished change: readers still see the live version until an editor "
                "publishes the change.", messages.WARNING,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not ArticleAuthor:
            return super().save_formset(request, form, formset, change)
        # The byline is content: it goes through workflow.article_save, so on
        # a live article a new byline waits with the other unpublished
        # changes instead of going live at once.
        rows = [
            (f.cleaned_data.get("order") or 0, i, f.cleaned_data["author"])
            for i, f in enumerate(formset.forms)
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("author")
        ]
        wanted = [author.pk for _, _, author in sorted(rows, key=lambda r: (r[0], r[1]))]
        article = Article.objects.get(pk=form.instance.pk)
        pending = workflow.pending_change(article)
        current = (pending.data.get("bylines") if pending else None) or list(
            article.bylines.order_by("order", "id").values_list("author_id", flat=True)
        )
        # The inline shows the live rows: untouched, it leaves any pending byline alone.
        if formset.has_changed() and wanted != current:
            saved = workflow.article_save(article=article, user=request.user, data={"bylines": wanted},
                                          expected_version=None)
            if saved.is_public:
                self.message_user(request, "The new byline is saved as an unpublished change: readers see the "
                                           "live byline until an editor publishes the change.", messages.WARNING)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def save_related(self, request, form, formsets, change):
        # Tags and entities were saved by workflow.article_save (possibly as a
        # pending change), so form.save_m2m() must not write them live; the
        # editorial mixins' save_related (revision, mention suggestions) still
        # run through super().
        form.save_m2m = lambda: None
        super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        workflow.article_trash(article=obj, user=request.user)

    def get_deleted_objects(self, objs, request):
        # Deleting moves to the trash: nothing related is removed.
        return [str(o) for o in objs], {self.opts.verbose_name_plural: len(objs)}, set(), []

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(request, f"“{obj_display}” was moved to the trash; an editor can restore it for "
                                   f"{workflow.TRASH_DAYS} days.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # ------------------------------------------------------------ workflow buttons

    def get_urls(self):
        urls = [
            path("<path:object_id>/workflow/<slug:action>/", self.admin_site.admin_view(self.workflow_view),
                 name="articles_article_workflow"),
        ]
        return urls + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and can_view(request.user, obj):
            extra_context = {**(extra_context or {}), "workflow": self._workflow_context(request, obj)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _workflow_context(self, request, obj: Article) -> dict:
        allowed = workflow.allowed_transitions(request.user, obj)
        pending = workflow.pending_change(obj)
        issues = []
        if {"publish", "schedule"} & set(allowed):
            issues = checks.run_checks(obj, data=pending.data if pending else None)
        return {
            "allowed": allowed,
            "can_discard": bool(pending) and is_editor(request.user),
            "pending": pending,
            "is_live": obj.is_public,
            "blocking": checks.blocking(issues),
            "warnings": checks.warnings(issues),
            "version": obj.version,
            "now": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        }

    def workflow_view(self, request: HttpRequest, object_id: str, action: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = Article.objects.filter(pk=object_id if object_id.isdigit() else 0, deleted_at__isnull=True).first()
        if article is None:
            raise Http404("No such article")
        if not can_view(request.user, article):
            raise PermissionDenied
        post = request.POST
        comment = post.get("comment", "").strip()
        reason = post.get("override_reason", "").strip()
        try:
            if action == "submit":
                workflow.article_submit(article=article, user=request.user, comment=comment)
                done = "submitted for review"
            elif action == "send_back":
                workflow.article_send_back(article=article, user=request.user, comment=comment)
                done = "sent back to its writer"
            elif action == "publish":
                workflow.article_publish(article=article, user=request.user, override_reason=reason)
                done = "published"
            elif action == "schedule":
                when = _parse_when(post.get("when", ""))
                workflow.article_schedule(article=article, user=request.user, when=when, override_reason=reason)
                done = f"scheduled for {timezone.localtime(when):%Y-%m-%d %H:%M}"
            elif action == "archive":
                workflow.article_archive(article=article, user=request.user, comment=comment)
                done = "unpublished"
            elif action == "discard":
                workflow.article_discard_changes(article=article, user=request.user)
                done = "cleared of its unpublished changes"
            else:
                raise Http404("No such workflow action")
        except workflow.WorkflowError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, f"“{article.title}” was {done}.", messages.SUCCESS)
        if can_view(request.user, article):
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    # ------------------------------------------------------------ bulk actions

    def _each(self, request, queryset, verb: str, service, **kwargs) -> None:
        """Run ``service`` on each article, reporting each outcome."""
        for article in queryset.order_by("pk"):
            try:
                service(article=article, user=request.user, **kwargs)
            except (workflow.WorkflowError, PermissionDenied) as exc:
                self.message_user(request, f"“{article.title}” was not {verb}: {exc}", messages.ERROR)
            else:
                self.message_user(request, f"“{article.title}” was {verb}.", messages.SUCCESS)

    @admin.action(description="Submit selected articles for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._each(request, queryset, "submitted for review", workflow.article_submit)

    @admin.action(description="Publish selected articles now…", permissions=["publish"])
    def publish_selected(self, request, queryset):
        form = PublishForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._each(request, queryset, "published", workflow.article_publish,
                       override_reason=form.cleaned_data["override_reason"])
            return None
        return self._confirm_bulk(request, queryset, form, "publish_selected", "Publish articles now")

    @admin.action(description="Unpublish (archive) selected articles", permissions=["publish"])
    def archive_selected(self, request, queryset):
        self._each(request, queryset, "unpublished", workflow.article_archive)

    @admin.action(description="Move selected articles to the trash", permissions=["delete"])
    def trash_selected(self, request, queryset):
        self._each(request, queryset, "moved to the trash", workflow.article_trash)

    @admin.action(description="Schedule selected articles…", permissions=["publish"])
    def schedule_selected(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            when = form.cleaned_data["when"]
            self._each(request, queryset, f"scheduled for {timezone.localtime(when):%Y-%m-%d %H:%M}",
                       workflow.article_schedule, when=when, override_reason=form.cleaned_data["override_reason"])
            return None
        return self._confirm_bulk(request, queryset, form, "schedule_selected", "Schedule articles")

    def _confirm_bulk(self, request, queryset, form, action: str, title: str) -> TemplateResponse:
        """The page between choosing a publishing action and doing it: the
        time and/or reason, and each article's pre-publish checks."""
        rows = []
        for article in queryset.order_by("pk"):
            pending = workflow.pending_change(article)
            rows.append((article, checks.run_checks(article, data=pending.data if pending else None)))
        return TemplateResponse(request, "admin/articles/article/bulk_publish.html", {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "rows": rows,
            "form": form,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    # ------------------------------------------------------------ list columns

    @admin.display(description="Image")
    def thumb(self, obj: Article):
        return thumbnail(obj.image_url("thumb"), obj.featured_image_alt)

    @admin.display(description="Byline")
    def byline(self, obj: Article) -> str:
        return ", ".join(a.display_name for a in obj.authors.all()) or "—"

    @admin.display(description="Unpublished changes", boolean=True, ordering="has_pending")
    def live_edits(self, obj: Article) -> bool:
        return bool(getattr(obj, "has_pending", False))


class PublishForm(forms.Form):
    override_reason = forms.CharField(
        required=False, label="Reason to publish despite warnings",
        help_text="Needed for articles with pre-publish warnings; kept in each one's audit trail.",
    )


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label="Publish at", input_formats=DATETIME_INPUTS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
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


def _parse_when(value: str) -> datetime.datetime:
    field = ScheduleForm.base_fields["when"]
    try:
        return field.clean(value)
    except ValidationError:
        raise workflow.WorkflowError("Give the date and time to publish at.") from None


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail across all articles, filterable (editors)."""

    list_display = ["created_at", "article_link", "action", "user", "from_state", "to_state", "comment",
                    "override_reason"]
    list_filter = ["action", "user", "created_at", "to_state"]
    list_select_related = ["user", "article"]
    search_fields = ["article_title", "comment", "override_reason", "user__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # The article page links here for its full trail.
        return lookup == "article__id__exact" or super().lookup_allowed(lookup, value, request)

    @admin.display(description="Article", ordering="article_title")
    def article_link(self, obj: AuditEntry):
        if obj.article_id and obj.article.deleted_at is None:
            return format_html('<a href="{}">{}</a>',
                               reverse("admin:articles_article_change", args=[obj.article_id]), obj.article_title)
        return obj.article_title


@admin.register(TrashedArticle)
class TrashAdmin(admin.ModelAdmin):
    """Deleted articles: restore within the trash period, then purged by
    ``manage.py purge_trash``."""

    list_display = ["title", "status", "deleted_at", "deleted_by", "purged_on"]
    list_select_related = ["deleted_by"]
    search_fields = ["title"]
    actions = ["restore_selected"]
    fields = ["title", "status", "published_at", "deleted_at", "deleted_by", "standfirst"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).filter(deleted_at__isnull=False)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return is_editor(request.user) and super().has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_editor(request.user) and super().has_delete_permission(request, obj)

    def has_restore_permission(self, request) -> bool:
        return is_editor(request.user)

    @admin.display(description="Purged on")
    def purged_on(self, obj: Article):
        return timezone.localtime(obj.deleted_at + datetime.timedelta(days=workflow.TRASH_DAYS)).date()

    @admin.action(description="Restore selected articles", permissions=["restore"])
    def restore_selected(self, request, queryset):
        for article in queryset.order_by("pk"):
            try:
                workflow.article_restore(article=article, user=request.user)
            except (workflow.WorkflowError, PermissionDenied) as exc:
                self.message_user(request, f"“{article.title}” was not restored: {exc}", messages.ERROR)
            else:
                self.message_user(request, f"“{article.title}” was restored as {article.get_status_display()}.",
                                  messages.SUCCESS)


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(SafeAutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ["old_path", "article", "created_at"]
    search_fields = ["old_path", "article__title"]
    autocomplete_fields = ["article"]


@admin.register(Correction)
class CorrectionAdmin(CorrectionAccessMixin, SafeAutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ["article", "kind", "created_at", "created_by"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title", "text"]
    autocomplete_fields = ["article"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # added from the article's Corrections panel


# taggit registers Tag with no search, which autocomplete needs.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TagHygieneAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    ordering = ["name"]
