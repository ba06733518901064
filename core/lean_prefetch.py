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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
    )


def prefetch_relations(
    obj: Model,
    names: Sequence[str],
    *,
    order_by: Mapping[str, Sequence[str]] | None = None,
    only: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Load ``obj.<name>.all()`` for each name, one cheap query each;
    ``order_by`` gives a relation an ordering of its own, ``only`` the
    fields to load (the others are deferred, as with ``QuerySet.only``)."""
    from django.db.models import Prefetch, prefetch_related_objects

    cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
    cursors: dict[str, object] = {}  # one cursor per database for all the relations
    alias = obj._state.db or router.db_for_read(type(obj), instance=obj)
    try:
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
                continue
            if compiled.cache_name in cache:
                continue
            connection = connections[alias]
            cursor = cursors.get(alias)
            if cursor is None:
                cursor = cursors[alias] = connection.cursor()
            prepared.execute(connection, cursor, compiled.sql, [obj.pk])
            rows = cursor.fetchall()
            if rows:
                rows = convert_rows(rows, row_converters(connection, key, compiled.expressions), connection)
            related = instances_from_rows(compiled.model, alias, compiled.init_list, rows)
            if compiled.parent_field is not None:
                for instance in related:
                    compiled.parent_field.set_cached_value(instance, obj)
            cache[compiled.cache_name] = LoadedQuerySet(
                compiled.model, using=alias, rows=related, source=(obj, name, compiled.cache_name)
            )
    finally:
        for cursor in cursors.values():
            cursor.close()


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
