"""The ONE definition of which people and organisations a reader may see.

An official, enterprise or regulator created for a story that has not run
yet must be as invisible as the story: its name, biography and profile
could give the story away. So a public surface (profile pages, directories,
feeds, the API, search, sitemaps) starts from ``Official.objects.public()``
(and the same on Enterprise and Regulator), as articles start from
``Article.objects.published()``: an entity is public when a story a reader
may see names it, or when an editor published its profile on its own
(``profile_published``).

Which stories a reader may see is the content app's rule, and that app sits
above this one: it tells this module how to find the entities it covers
(:func:`set_coverage_source`, from ``ArticlesConfig.ready()``). Without a
source only explicitly published profiles are public.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import models
from django.db.models import Exists, OuterRef, Q

CoverageSource = Callable[[type[models.Model], datetime.datetime | None], models.QuerySet]
_coverage_source: CoverageSource | None = None


def set_coverage_source(source: CoverageSource) -> None:
    """``source(model, now)``: a queryset of the ids (one column) of the
    ``model`` rows named by a story a reader may see at ``now``."""
    global _coverage_source
    _coverage_source = source


def coverage_known() -> bool:
    """Whether stories' coverage counts (the content app registered it)."""
    return _coverage_source is not None


def public_q(model: type[models.Model], *, now: datetime.datetime | None = None) -> Q:
    """The condition behind ``public()``, for use inside other queries."""
    condition = Q(profile_published=True)
    if _coverage_source is not None:
        # A correlated EXISTS (an index probe on the link table per row), not
        # ``pk IN (…)``: beside the OR, PostgreSQL cannot hash a link table
        # larger than work_mem and rescanned the whole of it for every row.
        column = f"{model._meta.model_name}_id"
        covering = _coverage_source(model, now).filter(**{column: OuterRef("pk")})
        condition |= Q(Exists(covering))
    return condition


class EntityQuerySet(models.QuerySet):
    def public(self, *, now: datetime.datetime | None = None) -> EntityQuerySet:
        """Rows a reader may see at ``now`` (default: this instant): named
        in a published story, or with a profile an editor published."""
        return self.filter(public_q(self.model, now=now))
