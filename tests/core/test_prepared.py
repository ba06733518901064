"""The article page's queries run as PostgreSQL prepared statements, with
the same answers as the ordinary way, and a statement PostgreSQL refuses to
prepare still runs."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core import prepared
from tests.factories import make_article, make_author, make_enterprise, make_official

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"),
]


def _server_statements() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def story():
    return make_article(
        "Prepared once",
        tags=["yttrium", "terbium"],
        authors=[make_author("Ma Lin")],
        officials=[make_official("Chen Ping")],
        enterprises=[make_enterprise("Northern Rare Earth")],
    )


def test_the_article_page_runs_prepared_statements_with_the_same_page(client, story, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    plain = client.get(story.get_absolute_url())
    settings.DATABASE_PREPARED_STATEMENTS = True
    client.get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        again = client.get(story.get_absolute_url())
    assert again.status_code == 200
    assert again.content == plain.content
    executed = [q for q in queries.captured_queries if q["sql"].startswith("EXECUTE ")]
    # The article, its relations (one statement) and the officials'
    # positions are compiled once per process, so prepared (the related list
    # is a plain ORM query of recommendations/selectors.py).
    assert len(executed) >= 3, [q["sql"][:60] for q in queries.captured_queries]
    assert _executed(queries) <= _server_statements()


def _executed(queries) -> set[str]:
    return {q["sql"].split()[1].split("(")[0] for q in queries.captured_queries if q["sql"].startswith("EXECUTE ")}


@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_again(client, story):
    with CaptureQueriesContext(connection) as queries:
        client.get(story.get_absolute_url())
    page = _executed(queries)
    assert page and page <= _server_statements()
    connection.close()  # as when CONN_MAX_AGE runs out: the server forgets them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200 and b"Prepared once" in response.content
    assert _executed(queries) == page
    assert {name for name in _server_statements() if name.startswith("ree_")} == page


def test_a_statement_prepared_in_a_rolled_back_transaction_stays_usable():
    sql = "SELECT %s::int + 1"
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                prepared.execute(connection, cursor, sql, [1])
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
        prepared.execute(connection, cursor, sql, [41])
        assert cursor.fetchone() == (42,)


def test_a_statement_postgresql_will_not_prepare_runs_the_ordinary_way():
    # PostgreSQL cannot tell the type of an untyped parameter added to another.
    sql = "SELECT %s + %s"
    with connection.cursor() as cursor:
        prepared.execute(connection, cursor, sql, [2, 3])
        assert cursor.fetchone() == (5,)
        # The refusal did not abort the surrounding transaction.
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert sql in prepared._REFUSED


def test_percent_signs_survive_preparing():
    with connection.cursor() as cursor:
        prepared.execute(connection, cursor, "SELECT %s::text LIKE '50%%'", ["50%"])
        assert cursor.fetchone() == (True,)


def test_a_statement_already_prepared_on_the_connection_is_used():
    """Prepared by a caller whose bookkeeping this one does not share (or
    forgot): the same SQL has the same name, so it is simply executed."""
    sql = "SELECT %s::int * 2"
    with connection.cursor() as cursor:
        prepared.execute(connection, cursor, sql, [2])
        connection._prepared_statements[1].clear()
        prepared.execute(connection, cursor, sql, [21])
        assert cursor.fetchone() == (42,)
    assert sql not in prepared._REFUSED
