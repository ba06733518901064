"""Links every page repeats, without ``reverse()``'s cost each time (see core/urls.py)."""

import functools

from django import template
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone

from core.urls import fixed_path, slug_path

register = template.Library()


@functools.lru_cache(maxsize=128)
def _static_url(path: str) -> str:
    return staticfiles_storage.url(path)


@receiver(setting_changed)
def _forget_static_urls(*, setting: str, **kwargs) -> None:
    if setting in {"STATIC_URL", "STORAGES", "DEBUG"}:
        _static_url.cache_clear()


@register.simple_tag
def static_url(path: str) -> str:
    """``{% static path %}``, looked up once per process: a collected file's
    URL cannot change while the process runs (the manifest is read when it
    starts), and the lookup cost about 80 µs on every page rendered."""
    return _static_url(path)


@register.simple_tag
def current_year() -> str:
    """``{% now "Y" %}`` (the year, four digits, in the site's time zone)
    without ``dateformat``: base.html prints it twice on every page."""
    return f"{timezone.localdate().year:04d}"


@register.simple_tag
def fixed_url(viewname: str, **kwargs) -> str:
    """``{% url viewname %}`` for a URL without arguments (or with arguments
    of few values, such as a year), reversed once per process."""
    return fixed_path(viewname, **kwargs)


@register.filter
def topic_url(tag) -> str:
    """The topic page of a tag: ``{{ tag|topic_url }}``."""
    return slug_path("articles:topic", tag.slug)
