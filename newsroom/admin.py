"""Article admin: the newsroom's desk (its forms are in ``admin_forms.py``,
the change form's inlines in ``admin_inlines.py``, the article list's
columns and filters in ``admin_list.py``, the other lists in
``admin_records.py``).

Every state change goes through ``newsroom/workflow.py``: the workflow
buttons on the change form and the bulk actions call its services, and
content saves go through ``editing.article_save`` (optimistic locking,
pending changes on live articles). Who may do what is decided by
``newsroom/permissions.py``; hidden buttons are a convenience, not the rule.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles.models import Article, ArticleAuthor
from articles.querysets import byline_prefetch
from authors.models import AuthorProfile
from core.admin_widgets import RichTextAdminMixin, SafeAutocompleteAdminMixin
from core.sanitize import sanitize_html
from recommendations.admin import ComputedRelatedInline, PinnedRelatedInline
from search.forgiving import find_articles

from . import (
    admin_records,  # noqa: F401  (registers the desk's other lists)
    admin_tasks,  # noqa: F401  (registers the task queue in the admin)
    checks,
    editing,
    trash,
    workflow,
)
from .admin_editorial import EditorialToolsMixin
from .admin_forms import SCHEDULE_PATTERN, ArticleForm, PublishForm, ScheduleForm, content_fieldsets, parse_when
from .admin_inlines import ArticleAuthorInline, AuditEntryInline, CorrectionInline, PendingChangeInline
from .admin_list import ArticleListMixin
from .models import AuditEntry, PendingChange
from .pending import pending_change
from .permissions import can_delete, can_edit, can_view, is_editor


@admin.register(Article)
class ArticleAdmin(ArticleListMixin, RichTextAdminMixin, SafeAutocompleteAdminMixin, EditorialToolsMixin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    delete_confirmation_template = "admin/articles/article/trash_confirmation.html"
    search_fields = ["title", "slug", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["featured_image", "officials", "enterprises", "regulators"]
    inlines = [ArticleAuthorInline, CorrectionInline, PinnedRelatedInline, ComputedRelatedInline,
               PendingChangeInline, AuditEntryInline]
    actions = ["submit_selected", "publish_selected", "schedule_selected", "archive_selected", "trash_selected"]
    fieldsets = [
        *content_fieldsets(),
        ("Publication", {"fields": ["shown_state", "published_at", "expires_at"]}),
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

    def get_search_results(self, request, queryset, search_term):
        """The admin's own search (title, slug, text) plus the reader's
        search engine over the articles this user may see, drafts included:
        tags, every alias and Chinese name of the entities mentioned,
        synonym groups ("包钢" finds Baotou Steel's stories)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term and search_term.strip():
            found = find_articles(query=search_term, within=queryset, typo_tolerance=False).search
            results = results | queryset.filter(pk__in=found.matched.order_by().values("pk"))
        return results, may_have_duplicates

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
        fields = ["shown_state", "created_at", "updated_at", "created_by", "version"]
        if not is_editor(request.user):
            fields += ["published_at", "expires_at"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            first = dict(fieldsets[0][1])
            first["fields"] = [*first["fields"], "loaded_version"]
            fieldsets = [(fieldsets[0][0], first), *fieldsets[1:]]
        else:
            # Read-only (in review, for a writer): the highlights as a list and
            # the body as the story reads, not the JSON and escaped HTML the
            # admin would print.
            shown = {"highlights": "highlights_list", "body": "body_as_read"}
            fieldsets = [(name, {**opts, "fields": [shown.get(f, f) for f in opts["fields"]]})
                         for name, opts in fieldsets]
        return fieldsets

    @admin.display(description="Highlights")
    def highlights_list(self, obj: Article):
        return render_to_string("admin/articles/article/highlights_readonly.html", {"highlights": obj.highlights})

    @admin.display(description="Body")
    def body_as_read(self, obj: Article):
        # Sanitized again on the way out: what an editor reads in review is
        # the same allow-list readers get, whatever the stored row holds.
        return render_to_string("admin/articles/article/body_readonly.html", {"body": sanitize_html(obj.body)})

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
        saved = editing.article_save(
            article=current, user=request.user, data=form.workflow_data(),
            expected_version=form.cleaned_data.get("loaded_version") if change else None,
        )
        obj.pk = saved.pk
        obj.refresh_from_db()
        if change and saved.is_public and pending_change(saved):
            self.message_user(
                request, "Saved as an unpublished change: readers still see the live version until an editor "
                "publishes the change.", messages.WARNING,
            )

    def _default_byline(self, request) -> int | None:
        """A new article starts with its writer's byline (their author
        profile), shown in the add form."""
        return AuthorProfile.objects.filter(user_id=request.user.pk).values_list("pk", flat=True).first()

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        new = obj is None or obj.pk is None
        if new and isinstance(inline, ArticleAuthorInline) and (author := self._default_byline(request)):
            kwargs["initial"] = [{"author": author, "order": 0}]
        return kwargs

    def save_formset(self, request, form, formset, change):
        if formset.model is not ArticleAuthor:
            return super().save_formset(request, form, formset, change)
        if not change and not formset.has_changed() and (author := self._default_byline(request)):
            # The byline row the add form offered, left as it was (an
            # unchanged extra form saves nothing by itself). Part of the
            # creation: a new draft has no live version and no pending change,
            # and the creation's revision (save_related) includes the row.
            ArticleAuthor.objects.create(article_id=form.instance.pk, author_id=author, order=0)
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return None
        # The byline is content: it goes through editing.article_save, so on
        # a live article a new byline waits with the other unpublished
        # changes instead of going live at once.
        rows = [
            (f.cleaned_data.get("order") or 0, i, f.cleaned_data["author"])
            for i, f in enumerate(formset.forms)
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("author")
        ]
        wanted = [author.pk for _, _, author in sorted(rows, key=lambda r: (r[0], r[1]))]
        article = Article.objects.get(pk=form.instance.pk)
        pending = pending_change(article)
        current = (pending.data.get("bylines") if pending else None) or list(
            article.bylines.order_by("order", "id").values_list("author_id", flat=True)
        )
        # The inline shows the live rows: untouched, it leaves any pending byline alone.
        if formset.has_changed() and wanted != current:
            saved = editing.article_save(article=article, user=request.user, data={"bylines": wanted},
                                          expected_version=None)
            if saved.is_public:
                self.message_user(request, "The new byline is saved as an unpublished change: readers see the "
                                           "live byline until an editor publishes the change.", messages.WARNING)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def save_related(self, request, form, formsets, change):
        # Tags and entities were saved by editing.article_save (possibly as a
        # pending change), so form.save_m2m() must not write them live; the
        # editorial mixins' save_related (revision, mention suggestions) still
        # run through super().
        form.save_m2m = lambda: None
        super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        trash.article_trash(article=obj, user=request.user)

    def get_deleted_objects(self, objs, request):
        # Deleting moves to the trash: nothing related is removed.
        return [str(o) for o in objs], {self.opts.verbose_name_plural: len(objs)}, set(), []

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(request, f"“{obj_display}” was moved to the trash; an editor can restore it for "
                                   f"{trash.TRASH_DAYS} days.", messages.SUCCESS)
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
        pending = pending_change(obj)
        issues = []
        if {"publish", "schedule", "submit"} & set(allowed) or (
                obj.status in (Article.Status.DRAFT, Article.Status.REVIEW) and can_edit(request.user, obj)):
            # Writers see the checks while writing too, not only the editor
            # who publishes.
            issues = checks.run_checks(obj, data=pending.data if pending else None)
        return {
            "sent_back": self._standing_send_back(obj),
            "allowed": allowed,
            "can_discard": bool(pending) and is_editor(request.user),
            "pending": pending,
            "is_live": obj.is_public,
            "can_edit": can_edit(request.user, obj),
            "blocking": checks.blocking(issues),
            "warnings": checks.warnings(issues),
            "version": obj.version,
            "schedule_pattern": SCHEDULE_PATTERN,
            # Every time on the desk is in the site's zone: say which.
            "time_zone": timezone.get_current_timezone_name(),
        }

    @staticmethod
    def _standing_send_back(obj: Article) -> AuditEntry | None:
        """The editor's send-back, while the article waits for the writer
        (until it is submitted again)."""
        if obj.status != Article.Status.DRAFT:
            return None
        last = (AuditEntry.objects.filter(article=obj, action__in=[AuditEntry.Action.SENT_BACK,
                                                                   AuditEntry.Action.SUBMITTED])
                .select_related("user").first())
        return last if last is not None and last.action == AuditEntry.Action.SENT_BACK else None

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
                when = parse_when(post.get("when", ""))
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
        self._each(request, queryset, "moved to the trash", trash.article_trash)

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
            pending = pending_change(article)
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
