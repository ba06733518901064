"""The article list (the admin changelist): each row says, in words, what a
newsroom needs to know about a story (title, state read from the clock,
byline, topics, dates), on a desk's screen and, stacked as a card, on a
phone. The cells' markup is in templates/admin/articles/article/list_*.html."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.template.loader import render_to_string
from django.utils import timezone

from articles.models import Article
from articles.querysets import EXPIRED, STATE_LABELS, state_q


class StateFilter(admin.SimpleListFilter):
    """By the state a person reads (``Article.state``): "Published" holds the
    scheduled stories whose time has come, "Scheduled" only those still to
    go live."""

    title = "state"
    parameter_name = "state"
    ORDER = [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.SCHEDULED, Article.Status.PUBLISHED,
             EXPIRED, Article.Status.ARCHIVED]

    def lookups(self, request, model_admin):
        return [(key, STATE_LABELS[key]) for key in self.ORDER]

    def queryset(self, request, queryset):
        if self.value() in STATE_LABELS:
            return queryset.filter(state_q(self.value()))
        return queryset


class PendingFilter(admin.SimpleListFilter):
    title = "unpublished changes"
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", "Live, with unpublished changes")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_pending=True)
        return queryset


def _cell(name: str, **context) -> str:
    return render_to_string(f"admin/articles/article/list_{name}.html", context)


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The topics column: one query for the page's tags (only here; the
        # edit page reads its tags through its form).
        return super().get_queryset(request, exclude_parameters).prefetch_related("tags")


class ArticleListMixin:
    """The list's columns and filters, for ``ArticleAdmin`` (whose
    ``get_queryset`` prefetches the bylines and annotates ``has_pending``)."""

    list_display = ["title", "shown_state", "byline", "topics", "when", "updated"]
    list_display_links = ["title"]
    list_filter = [StateFilter, PendingFilter, "published_at", "tags"]
    list_per_page = 50

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def changelist_view(self, request, extra_context=None):
        # The list needs the screen's width; the admin's navigation stays a
        # click away in the breadcrumbs and on the home page.
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="State", ordering="status")
    def shown_state(self, obj: Article) -> str:
        now = timezone.now()
        return _cell("state", state=obj.state(now), label=obj.state_label(now),
                     pending=bool(getattr(obj, "has_pending", False)))

    @admin.display(description="Byline")
    def byline(self, obj: Article) -> str:
        return _cell("byline", authors=[a.display_name for a in obj.authors.all()])

    @admin.display(description="Topics")
    def topics(self, obj: Article) -> str:
        return _cell("topics", tags=[t.name for t in obj.tags.all()])

    @admin.display(description="Publish date", ordering="published_at")
    def when(self, obj: Article) -> str:
        # A story with no publish date yet says when it was last saved on a
        # phone, where the Updated column is left out.
        return _cell("date", moment=obj.published_at, label="Published", empty="Not scheduled",
                     state=obj.state(), saved=obj.updated_at)

    @admin.display(description="Updated", ordering="updated_at")
    def updated(self, obj: Article) -> str:
        return _cell("date", moment=obj.updated_at, label="Updated", empty="")
