"""The desk on the admin index (newsroom/dashboard.py)."""

from __future__ import annotations

from django import template

from newsroom.dashboard import desk

register = template.Library()


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def editor_dashboard(context) -> dict:
    user = context["request"].user
    if not (user.is_authenticated and user.has_perm("articles.view_article")):
        return {"show": False}
    return {"show": True, **desk(user)}
