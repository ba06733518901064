"""Renamed profiles keep their addresses: when an official's, enterprise's,
regulator's or author's slug changes, their old profile URL and old feed
URLs (RSS, Atom, JSON) are recorded as ``Redirect`` rows to the new ones, as
``articles/slugs.py`` does for articles, so subscribers follow a 301
instead of losing the feed. Derived rows, written by receivers whatever
path the slug changed by (admin, import, shell); ``RedirectMiddleware``
answers them."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model
from django.db.models.signals import post_save, pre_save
from django.urls import reverse

from authors.models import AuthorProfile
from core.slugs import stored_slug_if_changing
from entities.models import Enterprise, Official, Regulator

from .models import Redirect

FEED_FORMATS = ("rss", "atom", "json")
# model -> (profile URL name, feed URL name prefix)
PROFILES: dict[type[Model], tuple[str, str]] = {
    Official: ("entities:official", "entities:official_feed"),
    Enterprise: ("entities:enterprise", "entities:enterprise_feed"),
    Regulator: ("entities:regulator", "entities:regulator_feed"),
    AuthorProfile: ("authors:detail", "authors:feed"),
}


def _addresses(model: type[Model], slug: str) -> list[str]:
    page, feed = PROFILES[model]
    return [reverse(page, kwargs={"slug": slug}),
            *(reverse(f"{feed}_{fmt}", kwargs={"slug": slug}) for fmt in FEED_FORMATS)]


def _remember(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    instance._moved_from = stored_slug_if_changing(instance, raw=raw, update_fields=update_fields)


def _record(sender, instance, raw: bool = False, **kwargs) -> None:
    old = getattr(instance, "_moved_from", None)
    if raw or not old:
        return
    instance._moved_from = None
    for before, after in zip(_addresses(sender, old), _addresses(sender, instance.slug), strict=True):
        Redirect.objects.filter(old_path=after).delete()  # back at an earlier slug: no loop
        Redirect.objects.filter(target=before).update(target=after)  # renamed twice: one hop
        Redirect.objects.update_or_create(old_path=before, defaults={"target": after, "page": None,
                                                                     "source": "renamed"})


def connect_signals() -> None:
    handlers: tuple[tuple[Callable, object, str], ...] = ((_remember, pre_save, "remember"),
                                                          (_record, post_save, "record"))
    for model in PROFILES:
        for handler, signal, name in handlers:
            signal.connect(handler, sender=model, dispatch_uid=f"pages_moved_{name}_{model._meta.label}")
