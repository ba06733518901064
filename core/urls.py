"""Cheap URLs for the links every page repeats.

``reverse()`` costs about 20 µs of CPU (matching the arguments against every
candidate pattern, quoting, the script prefix); an article page makes ~60
calls (every topic, person, company, card and menu link), a list page as
many. The answer depends only on the URL name, the script prefix and the
URLconf, and for a slug route on the slug, so:

* :func:`fixed_path` reverses a URL without arguments once per process;
* :func:`slug_path` reverses a ``<slug>`` route once with a placeholder and
  then only splices the slug in. A slug of other characters (taggit allows
  any text in a topic's slug) would need quoting and validating by the
  converter, so it goes to ``reverse()`` as before: the result is always the
  one ``reverse()`` gives.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_PLACEHOLDER = "zzslugplaceholderzz"
# Characters that every converter used for slugs (slug, str) accepts and that
# quote() leaves alone.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")

_fixed: dict[tuple, str] = {}
_templates: dict[tuple, tuple[str, str] | None] = {}


# Set by url_context_frozen(): the (script prefix, URLconf) read once.
_frozen: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar("frozen_url_context", default=None)


def _read_context() -> tuple[str, str]:
    return get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF)


def _context() -> tuple[str, str]:
    return _frozen.get() or _read_context()


@contextmanager
def url_context_frozen() -> Iterator[None]:
    """Read the script prefix and URLconf once for the whole block instead
    of once per link: they live in asgiref locals, dearer to read than the
    rest of ``slug_path``, and an article page makes ~35 links. For a view's
    body only: the request is resolved by then, so nothing in the block sets
    them (``set_script_prefix``/``set_urlconf`` inside it would be ignored by
    these helpers until it ends)."""
    token = _frozen.set(_read_context())
    try:
        yield
    finally:
        _frozen.reset(token)


def fixed_path(viewname: str, **kwargs: str | int) -> str:
    """``reverse(viewname, kwargs=kwargs)``, cached: for URLs without
    arguments, or whose arguments take a handful of values (the current
    year in the menu's archive link), since each set is kept."""
    key = (viewname, *_context(), *sorted(kwargs.items()))
    url = _fixed.get(key)
    if url is None:
        url = _fixed[key] = reverse(viewname, kwargs=kwargs or None)
    return url


def slug_path(viewname: str, slug: str) -> str:
    """``reverse(viewname, kwargs={"slug": slug})``, without its cost for plain slugs."""
    return slug_paths(viewname)(slug)


def slug_paths(viewname: str) -> Callable[[str], str]:
    """``slug_path`` for a list of links to one URL name (a page's topics):
    the script prefix and URLconf, which cost more to read than the rest of
    ``slug_path``, are read once for the list instead of once per link."""
    key = (viewname, *_context())
    if key not in _templates:
        url = reverse(viewname, kwargs={"slug": _PLACEHOLDER})
        _templates[key] = tuple(url.split(_PLACEHOLDER)) if url.count(_PLACEHOLDER) == 1 else None
    template = _templates[key]

    def path(slug: str) -> str:
        if template is None or not isinstance(slug, str) or not _PLAIN_SLUG.fullmatch(slug):
            return reverse(viewname, kwargs={"slug": slug})
        return template[0] + slug + template[1]

    return path
