"""A reader's steps, as the site offers them."""

from __future__ import annotations

from django.utils import timezone

from subscriptions.models import Follow, Subscriber

from .conftest import links, parts, path_of


def follow_url(kind: str, slug: str = "") -> str:
    return "/subscriptions/briefing/" if kind == "site" else f"/subscriptions/follow/{kind}/{slug}/"


def ask(client, *, kind: str, slug: str = "", email: str = "reader@example.org", rhythm: str = "daily"):
    """POST the follow form. The client fixture is wrapped (conftest's
    ``client``) so what the request enqueues on commit runs, as after a real
    request's commit."""
    return client.post(follow_url(kind, slug), {"email": email, "rhythm": rhythm})


def confirm_link(message) -> str:
    text, _ = parts(message)
    return next(u for u in links(text) if "/subscriptions/confirm/" in u)


def confirmed_reader(email: str, *follows: tuple[str, object, str]) -> Subscriber:
    """A reader who went through the opt-in (rows written directly, for the
    digest tests): follows as (kind, target or None, rhythm)."""
    now = timezone.now() - timezone.timedelta(days=30)
    subscriber = Subscriber.objects.create(email=email, confirmed_at=now)
    fields = {"official": "official", "enterprise": "enterprise", "regulator": "regulator", "topic": "tag",
              "author": "author"}
    for kind, target, rhythm in follows:
        extra = {fields[kind]: target} if kind in fields else {}
        Follow.objects.create(subscriber=subscriber, kind=kind, rhythm=rhythm, confirmed_at=now, **extra)
    return subscriber


__all__ = ["ask", "confirm_link", "confirmed_reader", "follow_url", "path_of"]
