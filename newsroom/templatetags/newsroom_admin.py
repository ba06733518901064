"""The editor dashboard on the admin index: what needs attention now."""

from __future__ import annotations

import datetime

from django import template
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, ArticleAuthor
from newsroom.models import PendingChange
from newsroom.permissions import is_editor

register = template.Library()
LIMIT = 10


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def editor_dashboard(context) -> dict:
    request = context["request"]
    user = request.user
    if not (user.is_authenticated and user.has_perm("articles.view_article")):
        return {"show": False}
    now = timezone.now()
    live = Article.objects.filter(deleted_at__isnull=True).select_related("created_by")
    own = Q(created_by_id=user.pk) | Q(pk__in=ArticleAuthor.objects.filter(author__user_id=user.pk).values("article_id"))
    visible = live if is_editor(user) else live.filter(own)
    return {
        "show": True,
        "is_editor": is_editor(user),
        "in_review": list(visible.filter(status=Article.Status.REVIEW).order_by("updated_at")[:LIMIT]),
        "scheduled": list(
            visible.filter(status=Article.Status.SCHEDULED, published_at__gt=now,
                           published_at__lte=now + datetime.timedelta(days=7)).order_by("published_at")[:LIMIT]
        ),
        "recent": list(visible.published(now=now).order_by("-published_at")[:LIMIT]),
        "pending": list(
            visible.filter(pending_changes__kind=PendingChange.Kind.PENDING).order_by("-updated_at")[:LIMIT]
        ),
        "my_drafts": list(live.filter(own, status=Article.Status.DRAFT).order_by("-updated_at")[:LIMIT]),
    }
