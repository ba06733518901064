"""Model instances from database rows with less CPU than ``Model.from_db``,
and the ORM's value converters for a query, looked up once per connection.

``Model.from_db`` calls ``Model.__init__``, which sends ``pre_init`` and
sets every field through its descriptor, one ``setattr`` per column: about
8 µs per instance, and an article page loads sixty. For the plain fields
every model here has (values, foreign keys, files, images), setting the
attribute on a new instance does nothing more than store the value in
``__dict__``, so :func:`instances_from_rows` does that directly and then
sends ``post_init`` as ``__init__`` would (the page cache notes its
dependencies from that signal). A model with anything else (an overridden
``__init__`` or ``from_db``, a field with its own descriptor, a ``pre_init``
receiver) gets ``from_db`` itself.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable, Iterable, Sequence

from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.files import FileDescriptor, ImageFileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

# Descriptors whose __set__, on a new instance, only stores the value in
# __dict__ (DeferredAttribute has no __set__ at all).
_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute, FileDescriptor, ImageFileDescriptor)
_plain_models: dict[tuple[type[Model], tuple[str, ...]], bool] = {}


def _is_plain(model: type[Model], attnames: tuple[str, ...]) -> bool:
    key = (model, attnames)
    plain = _plain_models.get(key)
    if plain is None:
        concrete = {f.attname for f in model._meta.concrete_fields}
        plain = _plain_models[key] = (
            model.__init__ is Model.__init__
            and model.from_db.__func__ is Model.from_db.__func__
            and set(attnames) <= concrete
            and len(set(attnames)) == len(attnames)
            and all(type(getattr(model, name, None)) in _PLAIN_DESCRIPTORS for name in attnames)
        )
    return plain


def instances_from_rows(model: type[Model], db: str, attnames: Sequence[str], rows: Iterable[Sequence]) -> list[Model]:
    """``[model.from_db(db, attnames, row) for row in rows]``, the same
    instances (fields not in ``attnames`` deferred) for less CPU."""
    attnames = tuple(attnames)
    if not _is_plain(model, attnames) or pre_init.has_listeners(model):
        return [model.from_db(db, attnames, row) for row in rows]
    send_post_init = post_init.send if post_init.has_listeners(model) else None
    new = object.__new__
    instances = []
    for row in rows:
        obj = new(model)
        state = obj.__dict__["_state"] = ModelState()
        obj.__dict__.update(zip(attnames, row, strict=True))
        if send_post_init is not None:
            send_post_init(sender=model, instance=obj)
        # As from_db: the state is set after post_init.
        state.adding = False
        state.db = db
        instances.append(obj)
    return instances


# connection -> key -> [(column, converters, expression)]
_converters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def row_converters(connection, key: Hashable, expressions: Sequence) -> list[tuple[int, list, object]]:
    """The ORM's converters (backend's, then field's) for each selected
    expression that has any, as ``SQLCompiler.get_converters`` finds them,
    looked up once per connection and ``key`` (the caller's name for the
    query)."""
    per_connection = _converters.setdefault(connection, {})
    found = per_connection.get(key)
    if found is None:
        found = per_connection[key] = [
            (i, convs, expr)
            for i, expr in enumerate(expressions)
            if (convs := connection.ops.get_db_converters(expr) + expr.get_db_converters(connection))
        ]
    return found


def convert_rows(rows: list, converters: list, connection) -> list:
    """``rows`` with each converter applied, as ``SQLCompiler.apply_converters`` does."""
    if not converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for i, convs, expr in converters:
            value = row[i]
            for convert in convs:
                value = convert(value, expr, connection)
            row[i] = value
        converted.append(row)
    return converted
