"""Querysets whose SQL is compiled once per process and then run with
fresh parameters.

Building, filtering and compiling a queryset costs 1 to 2 ms of CPU on
every call (``Article.objects.published().filter(slug=...)`` is rebuilt on
every page-cache miss of an article page), while PostgreSQL answers the
query itself in a tenth of that. The SQL of such a query depends only on
its shape; what changes per request (the clock, a slug, a primary key) is
in its parameters. :class:`CompiledQuery` builds the queryset once with
sentinel values, finds where those values landed among the compiled
parameters, and from then on runs the stored SQL with the caller's values
in those places.

The rows become instances the way ``QuerySet.__iter__`` makes them (see
``core.model_rows``: ``post_init`` hooks, such as the page cache's
dependency collection, see every instance), with the ORM's own converters,
``select_related`` objects and annotations. A queryset whose compiled
parameters do not reveal every sentinel exactly (a lookup that transforms
its value, say) is not compiled: it is then built and run by the ORM on
every call, so the answer is always the one the ORM gives.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, models, router
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable, get_related_populators

from . import prepared
from .model_rows import convert_rows, instances_from_rows, row_converters

_SENTINEL_IDS = itertools.count(1)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple  # the constant parameters, with None where a slot goes
    slots: tuple[tuple[int, str], ...]  # (position in params, parameter name)
    model: type[Model]
    select: list
    expressions: list  # the selected columns, for their converters
    model_fields: slice
    init_list: list[str]
    annotation_col_map: dict[str, int]
    klass_info: dict


def _sentinel(field: models.Field, name: str):
    """A value of ``field``'s type that no real query parameter will equal."""
    n = next(_SENTINEL_IDS)
    if isinstance(field, models.DateTimeField):
        return datetime.datetime(1901, 2, 3, 4, 5, 6, n % 1_000_000, tzinfo=datetime.UTC)
    if isinstance(field, models.DateField):
        return datetime.date(1901, 2, 3) + datetime.timedelta(days=n % 10_000)
    if isinstance(field, (models.IntegerField, models.AutoField)):
        return 1_987_654_321 - n
    return f"\x1fsentinel-{name}-{n}\x1f"


class CompiledQuery:
    """``build(**values)``, compiled once per database and run with each
    call's ``values``.

    ``params`` names each parameter of ``build`` with the model field whose
    database conversion applies to it, e.g.
    ``CompiledQuery(Article, lambda now, slug: ..., now=Article._meta.get_field("published_at"),
    slug=Article._meta.get_field("slug"))``; ``model`` is the queryset's
    model, whose database the router picks unless ``run`` is given one. ``build`` must return a
    queryset of model instances whose SQL has the same shape for every
    value (no ``__in`` lists of varying length, no ``None`` turning a
    comparison into ``IS NULL``)."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet], **params: models.Field) -> None:
        self.model = model
        self.build = build
        self.params = params
        self._compiled: dict[str, _Compiled | None] = {}

    def _compile(self, alias: str) -> _Compiled | None:
        connection = connections[alias]
        sentinels = {name: _sentinel(field, name) for name, field in self.params.items()}
        queryset = self.build(**sentinels)
        if queryset._iterable_class is not ModelIterable or queryset._prefetch_related_lookups:
            return None
        compiler = queryset.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        prepared = {
            name: field.get_db_prep_value(sentinels[name], connection, prepared=False)
            for name, field in self.params.items()
        }
        slots = []
        constants = list(params)
        for i, value in enumerate(params):
            for name, sentinel in prepared.items():
                if type(value) is type(sentinel) and value == sentinel:
                    slots.append((i, name))
                    constants[i] = None
        if {name for _, name in slots} != set(self.params) or compiler.has_composite_fields(
            [s[0] for s in compiler.select]
        ):
            return None
        klass_info = compiler.klass_info
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        return _Compiled(
            sql=sql,
            params=tuple(constants),
            slots=tuple(slots),
            model=klass_info["model"],
            select=compiler.select,
            expressions=[s[0] for s in compiler.select[: compiler.col_count]],
            model_fields=slice(start, end),
            init_list=[s[0].target.attname for s in compiler.select[start:end]],
            annotation_col_map=dict(compiler.annotation_col_map or {}),
            klass_info=klass_info,
        )

    def run(self, *, using: str | None = None, **values) -> list[Model]:
        """The instances ``build(**values)`` would give, in its order, read
        from ``using`` (default: the router's choice for reading ``model``)."""
        using = using or router.db_for_read(self.model)
        if using not in self._compiled:
            self._compiled[using] = self._compile(using)
        compiled = self._compiled[using]
        if compiled is None:
            return list(self.build(**values).using(using))
        connection = connections[using]
        params = list(compiled.params)
        for i, name in compiled.slots:
            params[i] = self.params[name].get_db_prep_value(values[name], connection, prepared=False)
        with connection.cursor() as cursor:
            prepared.execute(connection, cursor, compiled.sql, params)
            rows = cursor.fetchall()
        if not rows:
            return []
        rows = convert_rows(rows, row_converters(connection, (self, using), compiled.expressions), connection)
        instances = instances_from_rows(compiled.model, using, compiled.init_list, (row[compiled.model_fields] for row in rows))
        populators = compiled.klass_info.get("related_klass_infos") and get_related_populators(
            compiled.klass_info, compiled.select, using
        )
        if populators or compiled.annotation_col_map:
            annotations = compiled.annotation_col_map.items()
            for obj, row in zip(instances, rows, strict=True):
                for populator in populators or ():
                    populator.populate(row, obj)
                for name, position in annotations:
                    setattr(obj, name, row[position])
        return instances
