"""Prefetch one object's many-valued relations without rebuilding their
queries on every request.

``prefetch_related`` builds, filters and compiles a new queryset for every
relation on every call: about 1 ms of CPU each on the article page, where
the SQL itself costs PostgreSQL a tenth of that. The SQL of ``obj.<rel>.all()``
depends only on the relation and the database, with the object's primary key
as its one parameter, so it is compiled once per process here and then run
with each new key. The rows become model instances through ``Model.from_db``
with the ORM's own converters (``core.model_rows``: ``post_init`` hooks, such
as the page cache's dependency collection, see them as usual) and are stored where
``prefetch_related`` stores them: ``obj.<rel>.all()`` then costs no query.

The order is the one ``obj.<rel>.all()`` gives without prefetching (the
related model's ``Meta.ordering``; for tags, the order they were added),
unless ``order_by`` names one (a byline's order lives on the through row).

On PostgreSQL the relations are read in one statement, each as a JSON array
of rows (``json_agg`` over the relation's own SQL), and decoded here into
the values the driver would have given: every query costs a round trip,
about 65 µs of CPU in the driver and the kernel on each side, more than
these small queries cost to run. A relation with a column JSON cannot carry
exactly (decimals, binary, intervals...) keeps a query of its own.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, router
from django.db.models import Model, QuerySet

from . import prepared
from .model_rows import convert_rows, instances_from_rows, row_converters


@dataclass(frozen=True)
class _Compiled:
    sql: str
    init_list: list[str]
    expressions: list
    model: type[Model]
    cache_name: str
    # The foreign key to set on each child (reverse foreign keys only), so a
    # child knows its parent without a query, as with prefetch_related.
    parent_field: object | None
    # Per column, how its JSON value becomes what the driver would return
    # (None: the same value); None when a column's type has no exact JSON form.
    json_decoders: tuple[Callable | None, ...] | None


def _json_text(value):
    # psycopg2 hands JSON columns over as text (Django disables its parsing)
    # and the field's from_db_value parses them.
    return json.dumps(value)


# Internal types whose JSON form PostgreSQL writes exactly, and how to turn
# it back into the driver's value (to_json writes timestamps in ISO 8601 in
# the session's time zone, which Django sets). Not here, so read by a query
# of their own: decimals and floats (JSON numbers, "NaN" as a string),
# binary, durations, network addresses, arrays and ranges.
_JSON_DECODERS: dict[str, Callable | None] = {
    **dict.fromkeys(
        ("AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
         "PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField", "BooleanField",
         "CharField", "TextField", "SlugField", "EmailField", "URLField", "FilePathField", "FileField",
         "ImageField"),
        None,
    ),
    # psycopg2 gives UUID objects (Django registers the adapter).
    "UUIDField": uuid.UUID,
    "DateTimeField": datetime.datetime.fromisoformat,
    "DateField": datetime.date.fromisoformat,
    "TimeField": datetime.time.fromisoformat,
    "JSONField": _json_text,
}


def _json_decoders(columns: Sequence) -> tuple[Callable | None, ...] | None:
    decoders = []
    for column in columns:
        field = column.target
        while field.is_relation:  # a foreign key column holds its target's type
            field = field.target_field
        internal = field.get_internal_type()
        if internal not in _JSON_DECODERS or (internal == "DateTimeField" and not settings.USE_TZ):
            return None  # (without USE_TZ the driver gives naive datetimes)
        decoders.append(_JSON_DECODERS[internal])
    return tuple(decoders)


class LoadedQuerySet(QuerySet):
    """A relation's rows, stored where ``prefetch_related`` stores its
    querysets, whose SQL is built only when someone asks for more than
    those rows (``.filter()``, ``.order_by()``...).

    Building the real queryset (the related manager's ``get_queryset()``)
    costs 30 to 60 µs of CPU per relation and per official's posts, on
    every page-cache miss of an article page, and the page only iterates
    the rows. Anything that needs the query gets the very one the manager
    would have built, so its answer is the ORM's."""

    def __init__(self, model=None, query=None, using=None, hints=None, *, rows=None, source=None):
        """``rows`` are the relation ``source`` = (object, accessor name,
        prefetch cache name) holds; querysets cloned from this one (a
        filter...) are made by the ORM with a real ``query``."""
        # A truthy placeholder spares QuerySet.__init__ building a Query
        # that would be thrown away; ``query`` below replaces it on demand.
        super().__init__(model=model, query=query or _LATER, using=using, hints=hints)
        if query is None:
            self._query = None
            self._source = source
            self._result_cache = rows
            self._prefetch_done = True

    @property
    def query(self):
        if self._query is None:
            obj, name, cache_name = self._source
            cache = obj.__dict__.get("_prefetched_objects_cache", {})
            # The manager returns what is cached; without it, the real queryset.
            held = cache.pop(cache_name, None)
            try:
                self._query = getattr(obj, name).get_queryset().query
            finally:
                if held is not None:
                    cache[cache_name] = held
        return super().query

    @query.setter
    def query(self, value):
        QuerySet.query.fset(self, value)


_LATER = object()


_COMPILED: dict[tuple[type[Model], str, str, tuple[str, ...]], _Compiled | None] = {}


def _cache_name(manager) -> str:
    name = getattr(manager, "prefetch_cache_name", None)
    return name if name is not None else manager.field.remote_field.cache_name


def _compile(
    obj: Model, name: str, alias: str, order_by: tuple[str, ...] = (), only: tuple[str, ...] = ()
) -> _Compiled | None:
    """The SQL of ``obj.<name>.all()`` (ordered by ``order_by`` and limited
    to the ``only`` fields if given) with the key as its only parameter, or
    None when the relation's query is not that simple (then the caller falls
    back to ``prefetch_related``)."""
    queryset = getattr(obj, name).all()
    if order_by:
        queryset = queryset.order_by(*order_by)
    if only:
        queryset = queryset.only(*only)
    compiler = queryset.query.get_compiler(alias)
    sql, params = compiler.as_sql()
    klass_info = compiler.klass_info
    if (
        tuple(params) != (obj.pk,)
        or not klass_info
        or klass_info.get("related_klass_infos")
        or compiler.annotation_col_map
        or len(compiler.select) != len(klass_info["select_fields"])
    ):
        return None
    columns = [compiler.select[i][0] for i in klass_info["select_fields"]]
    manager = getattr(obj, name)
    reverse_fk = getattr(manager, "field", None) is not None and not hasattr(manager, "through")
    return _Compiled(
        sql=sql,
        init_list=[col.target.attname for col in columns],
        expressions=columns,
        model=queryset.model,
        cache_name=_cache_name(manager),
        parent_field=manager.field if reverse_fk else None,
        json_decoders=_json_decoders(columns),
    )


# (the relations' keys) -> the statement reading them all at once
_COMBINED: dict[tuple, str] = {}


def _combined_sql(keys: tuple, relations: Sequence[_Compiled]) -> str:
    """One statement whose columns are the relations' rows as JSON arrays
    of arrays (a column list on the subquery names the columns by position,
    so two columns of the same name cannot clash). ``json_agg`` over an
    ordered subquery keeps its order; nothing else happens at that level."""
    sql = _COMBINED.get(keys)
    if sql is None:
        parts = []
        for relation in relations:
            names = [f"c{i}" for i in range(len(relation.init_list))]
            columns, aliases = ", ".join(f"t.{n}" for n in names), ", ".join(names)
            # The ORM's own SQL and our column names; the key is a parameter.
            part = f"(SELECT json_agg(json_build_array({columns}))::text FROM ({relation.sql}) AS t({aliases}))"  # noqa: S608
            parts.append(part)
        sql = _COMBINED[keys] = "SELECT " + ", ".join(parts)
    return sql


def _decode(text: str | None, decoders: tuple[Callable | None, ...]) -> list[tuple]:
    if text is None:  # json_agg of no rows
        return []
    rows = json.loads(text)
    if not any(decoders):
        return [tuple(row) for row in rows]
    return [
        tuple(value if decode is None or value is None else decode(value) for decode, value in zip(decoders, row, strict=True))
        for row in rows
    ]


def prefetch_relations(
    obj: Model,
    names: Sequence[str],
    *,
    order_by: Mapping[str, Sequence[str]] | None = None,
    only: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Load ``obj.<name>.all()`` for each name: in one query on PostgreSQL,
    one cheap query each elsewhere. ``order_by`` gives a relation an ordering
    of its own, ``only`` the fields to load (the others are deferred, as
    with ``QuerySet.only``)."""
    from django.db.models import Prefetch, prefetch_related_objects

    cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
    alias = obj._state.db or router.db_for_read(type(obj), instance=obj)
    connection = connections[alias]
    pending: list[tuple[tuple, str, _Compiled]] = []
    for name in names:
        ordering = tuple((order_by or {}).get(name, ()))
        fields = tuple((only or {}).get(name, ()))
        key = (type(obj), name, alias, ordering, fields)
        if key not in _COMPILED:
            _COMPILED[key] = _compile(obj, name, alias, ordering, fields)
        compiled = _COMPILED[key]
        if compiled is None:
            manager = getattr(obj, name)
            if _cache_name(manager) in cache:
                continue
            lookup = name
            if ordering or fields:
                queryset = manager.model._default_manager.all()
                queryset = queryset.order_by(*ordering) if ordering else queryset
                lookup = Prefetch(name, queryset=queryset.only(*fields) if fields else queryset)
            prefetch_related_objects([obj], lookup)
        elif compiled.cache_name not in cache:
            pending.append((key, name, compiled))
    if not pending:
        return
    together = []
    if connection.vendor == "postgresql":
        together = [p for p in pending if p[2].json_decoders is not None]
    if len(together) < 2:
        together = []  # one relation alone is cheaper as its own query
    alone = [p for p in pending if p not in together]
    with connection.cursor() as cursor:
        if together:
            sql = _combined_sql(tuple(key for key, _name, _compiled in together), [c for _k, _n, c in together])
            prepared.execute(connection, cursor, sql, [obj.pk] * len(together))
            for (key, name, compiled), text in zip(together, cursor.fetchone(), strict=True):
                _store(obj, name, compiled, key, _decode(text, compiled.json_decoders), connection, alias)
        for key, name, compiled in alone:
            prepared.execute(connection, cursor, compiled.sql, [obj.pk])
            _store(obj, name, compiled, key, cursor.fetchall(), connection, alias)


def _store(obj: Model, name: str, compiled: _Compiled, key: tuple, rows: list, connection, alias: str) -> None:
    """Turn one relation's rows into instances held where prefetch_related keeps them."""
    if rows:
        rows = convert_rows(rows, row_converters(connection, key, compiled.expressions), connection)
    related = instances_from_rows(compiled.model, alias, compiled.init_list, rows)
    if compiled.parent_field is not None:
        for instance in related:
            compiled.parent_field.set_cached_value(instance, obj)
    obj.__dict__["_prefetched_objects_cache"][compiled.cache_name] = LoadedQuerySet(
        compiled.model, using=alias, rows=related, source=(obj, name, compiled.cache_name)
    )


def prefetched(obj: Model, name: str):
    """``obj.<name>.all()``, straight from the prefetch cache when the
    relation was prefetched (by ``prefetch_relations``, ``prefetch_related``
    or a preview's own list). The same object ``.all()`` returns then, without
    building the related manager on the way: about 10 µs each, and the
    article page reads its relations twenty times. The cache is keyed by the
    relation's accessor name for every relation the article page reads (the
    forward many-to-many fields, the tags and the reverse foreign keys)."""
    cache = obj.__dict__.get("_prefetched_objects_cache")
    if cache is not None and name in cache:
        return cache[name]
    return getattr(obj, name).all()
