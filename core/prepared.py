"""Server-side prepared statements for the SQL compiled once per process.

On a page-cache miss of an article page PostgreSQL spends more time
parsing and planning its ten small queries than running them: about 0.15
to 0.35 ms of planning each against well under 0.1 ms of execution. The
queries built by ``core.compiled_queries`` and ``core.lean_prefetch`` have
SQL that never changes, so each is ``PREPARE``d once per database
connection and then ``EXECUTE``d with the request's values. PostgreSQL
then skips parsing and, once it has seen that a generic plan costs no more
than the custom ones (after five runs), planning too.

psycopg2 has no protocol-level prepare, so this uses the SQL commands. They
are not transactional (a ``PREPARE`` inside a transaction that is rolled
back stays prepared), so what was prepared is tracked per physical
connection and forgotten with it.

When not to use it: behind a pooler in transaction mode (PgBouncer's
default), where the next transaction may run on another server connection;
set ``DATABASE_PREPARED_STATEMENTS=0`` there. A statement that PostgreSQL
refuses to prepare (it cannot infer a parameter's type, say) is run the
ordinary way from then on. After a migration changes a table, restart the
app servers (as after any deploy): a statement prepared before may answer
"cached plan must not change result type" until its connection is renewed.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Sequence

from django.conf import settings

DUPLICATE_PREPARED_STATEMENT = "42P05"
_PLACEHOLDER = re.compile(r"%([s%])")
# SQL (by its text) that PostgreSQL would not prepare; run as usual.
_REFUSED: set[str] = set()


def enabled(connection) -> bool:
    return connection.vendor == "postgresql" and getattr(settings, "DATABASE_PREPARED_STATEMENTS", True)


def _numbered(sql: str) -> str:
    """psycopg's ``%s`` placeholders as ``$1, $2...``, and ``%%`` as ``%``."""
    count = 0

    def number(match: re.Match) -> str:
        nonlocal count
        if match.group(1) == "%":
            return "%"
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, sql)


def _prepared_names(connection) -> dict[str, str]:
    """SQL text -> the ``EXECUTE`` that runs it, for the physical connection now open."""
    raw = connection.connection
    state = getattr(connection, "_prepared_statements", None)
    if state is None or state[0] is not raw:
        state = connection._prepared_statements = (raw, {})
    return state[1]


def execute(connection, cursor, sql: str, params: Sequence) -> None:
    """``cursor.execute(sql, params)``, through a statement prepared once
    per connection where that is possible. ``cursor`` is a Django cursor
    of ``connection``; ``sql`` uses ``%s`` placeholders, as the ORM's does."""
    if not enabled(connection) or sql in _REFUSED:
        cursor.execute(sql, params)
        return
    connection.ensure_connection()
    names = _prepared_names(connection)
    execute_sql = names.get(sql)
    if execute_sql is None:
        name = "ree_" + hashlib.blake2b(sql.encode(), digest_size=10).hexdigest()
        # On the driver's cursor: preparing is a step of the connection, not
        # a query of the page's, so Django neither counts nor logs it. In a
        # transaction a refusal would abort it, hence the savepoint.
        raw = cursor.cursor
        in_transaction = not connection.get_autocommit()
        try:
            if in_transaction:
                raw.execute("SAVEPOINT ree_prepare")
            raw.execute(f"PREPARE {name} AS {_numbered(sql)}")
            if in_transaction:
                raw.execute("RELEASE SAVEPOINT ree_prepare")
        except connection.Database.Error as exc:
            if in_transaction:
                with contextlib.suppress(connection.Database.Error):
                    raw.execute("ROLLBACK TO SAVEPOINT ree_prepare")
            code = getattr(exc, "pgcode", None) or ""
            # 42P05: already prepared on this connection, by a caller whose
            # bookkeeping we do not see; the name is the SQL's hash, so it
            # is this very statement.
            if code != DUPLICATE_PREPARED_STATEMENT:
                if code.startswith(("42", "0A")):
                    _REFUSED.add(sql)  # the statement itself: never again
                # Anything else (a lost connection...) surfaces, through
                # Django's error handling, from the ordinary query.
                cursor.execute(sql, params)
                return
        # Written once: the SQL's placeholders are the same on every call.
        count = _PLACEHOLDER.findall(sql).count("s")
        execute_sql = names[sql] = f"EXECUTE {name}({', '.join(['%s'] * count)})" if count else f"EXECUTE {name}"
    cursor.execute(execute_sql, params)

