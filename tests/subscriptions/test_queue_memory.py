"""Queueing a digest keeps no trace of the batches it wrote: before, the
connection's statement counter (psycopg's prepare bookkeeping) held the full
text of each bulk INSERT, so memory grew with the number of readers."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from subscriptions import digests
from subscriptions.models import Delivery
from tests.factories import make_article, make_enterprise

from .helpers import confirmed_reader

pytestmark = pytest.mark.django_db


def held_statement_bytes() -> int:
    """Bytes of statement text psycopg keeps on this connection for preparing."""
    prepared = connection.connection._prepared
    return sum(len(query) for query, _ in [*prepared._counts, *prepared._names])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg's prepared statements: PostgreSQL only")
def test_queueing_more_readers_holds_no_more_statements(monkeypatch):
    monkeypatch.setattr(digests, "BATCH", 5)
    baotou = make_enterprise("Baotou Steel Group", profile_published=True)
    make_article("Baotou doubles output", enterprises=[baotou], published_at=timezone.now() - timezone.timedelta(hours=1))
    for i in range(60):
        confirmed_reader(f"reader{i}@example.org", ("enterprise", baotou, "daily"))
    connection.ensure_connection()
    before = held_statement_bytes()

    digests.queue_edition(digests.edition_for("daily"))

    assert Delivery.objects.filter(kind=Delivery.Kind.DIGEST).count() == 60
    # Twelve batches written; none of their text is kept (a few short queries may be).
    assert held_statement_bytes() - before < 2000
    assert connection.connection.prepare_threshold == 5, "the connection's setting is given back"
