"""Pagination that stays fast on big lists and on their last pages.

``Paginator`` runs ``COUNT(*)`` on every request and reads page N with
``OFFSET (N-1)*size``, which the database walks row by row: on 100,000
articles both cost tens of milliseconds. Here:

* the count is cached (keyed by the query's SQL without its clock
  parameters, and dropped whenever what readers see changes, through the
  page cache's "lists" and "clock" versions, and never kept past the next
  scheduled publish or expiry, when it changes by the clock alone), and
* a page in the second half of the list is read from the other end, in
  reverse order, so the largest offset is half the list, not all of it.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property

from . import resilience
from .dependencies import CLOCK, LISTS
from .invalidation import current_versions
from .store import clock_bounded, page_cache_enabled

COUNT_TIMEOUT = 300


def _is_clock(param: object, window: float = 120.0) -> bool:
    """Whether a query parameter is the request's "now" (as given to
    ``published()``), not a real date bound such as an archive month's."""
    if isinstance(param, str) and len(param) >= 19 and param[4] == "-" and param[10] in " T":
        try:
            param = datetime.datetime.fromisoformat(param)
        except ValueError:
            return False
    if not isinstance(param, datetime.datetime):
        return False
    if param.tzinfo is None:
        param = param.replace(tzinfo=datetime.UTC)
    return abs((timezone.now() - param).total_seconds()) < window


class CachedCountPaginator(Paginator):
    """A Paginator for querysets with a cached count and reverse reads for
    the far half. Needs an ordered queryset (it is, for every public list)."""

    @cached_property
    def count(self) -> int:
        qs = self.object_list
        if not isinstance(qs, models.QuerySet) or not page_cache_enabled():
            return super().count
        if not resilience.available():
            return super().count
        try:
            key = self._count_key(qs)
            value = cache.get(key)
            if value is None:
                value = qs.count()
                timeout = clock_bounded(COUNT_TIMEOUT)
                if timeout > 0:
                    cache.set(key, value, timeout)
        except resilience.CACHE_ERRORS as exc:
            resilience.trip(exc)
            return super().count
        return value

    @staticmethod
    def _count_key(qs: models.QuerySet) -> str:
        sql, params = qs.query.sql_with_params()
        # "now" differs on every request; the count it gives changes only
        # when an article is published/expires (which bumps the lists) or
        # at the next scheduled moment (the entry's lifetime ends there).
        stable = [p for p in params if not _is_clock(p)]
        versions = current_versions([LISTS, CLOCK])
        digest = hashlib.sha256(
            f"{qs.db}|{sql}|{stable!r}|{versions[LISTS]}|{versions[CLOCK]}".encode()
        ).hexdigest()
        return f"pc:count:{digest}"

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        qs = self.object_list
        if (
            isinstance(qs, models.QuerySet)
            and qs.ordered
            and bottom > self.count // 2
            and self.count - top < bottom
        ):
            # Same rows, read from the end: OFFSET count-top instead of bottom.
            rows = list(qs.reverse()[self.count - top : self.count - bottom])
            rows.reverse()
            return self._get_page(rows, number, self)
        return super().page(number)


def page_or_404(request: HttpRequest, queryset, per_page: int) -> Page:
    """The page named by ``?page=``; a bad or out-of-range number is a 404."""
    paginator = CachedCountPaginator(queryset, per_page)
    number = request.GET.get("page", "1")
    if not number.isdigit() or not 1 <= int(number) <= max(paginator.num_pages, 1):
        raise Http404("No such page")
    return paginator.page(int(number))
