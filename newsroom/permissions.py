"""Who may do what to an article: the rules the workflow services, the admin
and every admin view (preview, revisions, diffs, history) consult.

Groups only grant coarse model permissions; the per-article rules live here
so they hold on the server whatever buttons a page shows.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from articles.models import Article, ArticleAuthor

User = AbstractBaseUser | AnonymousUser


def is_editor(user: User) -> bool:
    """Editors (and superusers) run the desk: publish, schedule, archive."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("articles.publish_article"))


def is_own(user: User, article: Article) -> bool:
    """The user created the article or is on its byline."""
    if not user.is_authenticated or article.pk is None:
        return article.pk is None and user.is_authenticated
    if article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user_id=user.pk).exists()


def can_view(user: User, article: Article) -> bool:
    """May see the article in the admin, including its previews, revisions,
    diffs and history (unpublished text included)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if is_editor(user) or user.has_perm("articles.edit_any_article"):
        return True
    return user.has_perm("articles.view_article") and is_own(user, article)


def viewable(user: User, articles: QuerySet[Article]) -> QuerySet[Article]:
    """``articles`` narrowed to those ``can_view`` allows, as one query, for
    admin lists of things that belong to an article (corrections)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return articles.none()
    if is_editor(user) or user.has_perm("articles.edit_any_article"):
        return articles
    if not user.has_perm("articles.view_article"):
        return articles.none()
    own_bylines = ArticleAuthor.objects.filter(author__user_id=user.pk).values("article_id")
    return articles.filter(Q(created_by_id=user.pk) | Q(pk__in=own_bylines))


def can_edit(user: User, article: Article) -> bool:
    """May change the article's content. Writers edit their own articles while
    they are drafts; only editors touch anything in review or live."""
    if not can_view(user, article) or article.deleted_at is not None:
        return False
    if is_editor(user):
        return True
    return user.has_perm("articles.change_article") and article.status == Article.Status.DRAFT


def can_delete(user: User, article: Article) -> bool:
    """May move the article to the trash. Writers only their own drafts that
    were never public; editors anything."""
    if not can_view(user, article):
        return False
    if is_editor(user):
        return True
    return (
        user.has_perm("articles.delete_article")
        and is_own(user, article)
        and article.status == Article.Status.DRAFT
        and article.published_at is None
    )
