"""Long bulk runs on one database connection.

psycopg 3 counts the statements it runs on a connection, keyed by their full
text, so as to prepare those that repeat (``prepare_threshold`` in settings).
Django binds values on the client, so every bulk INSERT is a new text, as
long as its rows, that never repeats; psycopg still keeps the last
``prepared_max`` of them. A run writing batch after batch (a digest queued for
every reader) then holds the text of its last hundred batches: memory that
grows with the size of the run. ``unprepared()`` turns the counting off on
the connection for the length of such a run; short repeated queries elsewhere
keep their prepared statements.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import DEFAULT_DB_ALIAS, connections


@contextlib.contextmanager
def unprepared(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    before = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = before
