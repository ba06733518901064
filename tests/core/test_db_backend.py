"""The PostgreSQL health check polls the socket instead of sending SELECT 1
on every request, and still replaces a connection the server has closed."""

from __future__ import annotations

import select
import time

import psycopg2
import pytest
from django.db import close_old_connections, connection, connections

from tests.factories import make_article

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
]


def _get(client, url):
    # What the WSGI handler does at the start of every request, and the
    # test client skips: close expired connections, re-arm the health check.
    close_old_connections()
    return client.get(url)


@pytest.fixture
def select_one_calls(monkeypatch):
    """How many times Django's own check (SELECT 1) ran."""
    calls = []
    wrapper = type(connections["default"])
    real = wrapper.is_usable

    def counting(self):
        calls.append(1)
        return real(self)

    monkeypatch.setattr(wrapper, "is_usable", counting)
    return calls


def test_a_healthy_connection_is_reused_without_a_round_trip(client, select_one_calls):
    story = make_article("Checked by poll")
    for _ in range(3):
        assert _get(client, story.get_absolute_url()).status_code == 200
    assert select_one_calls == []


def test_a_connection_the_server_closed_is_replaced_before_the_request_uses_it(client, select_one_calls):
    story = make_article("Survives a terminated backend")
    assert _get(client, story.get_absolute_url()).status_code == 200
    pid = connection.connection.get_backend_pid()
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    admin = psycopg2.connect(**{**params, "dbname": connection.settings_dict["NAME"]})
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    admin.close()
    # The server's goodbye reaches the socket.
    deadline = time.monotonic() + 5
    while not select.select([connection.connection.fileno()], [], [], 0.05)[0]:
        assert time.monotonic() < deadline, "the terminated connection never became readable"

    response = _get(client, story.get_absolute_url())
    assert response.status_code == 200 and b"Survives a terminated backend" in response.content
    assert select_one_calls, "Django's own check should have run on the closed connection"
    assert connection.connection.get_backend_pid() != pid
