"""Two saves from the same version at the same instant, on PostgreSQL (row
locks): exactly one wins, the other is refused and its text kept."""

import threading

import pytest
from django.db import connection

from articles.models import Article
from newsroom import editing
from newsroom.models import PendingChange
from tests.factories import make_user
from tests.newsroom.workflow_support import ensure_editorial_groups, ready_article

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"),
]


def test_simultaneous_saves_one_wins_one_is_kept():
    ensure_editorial_groups()  # an earlier transactional test may have flushed them
    users = [make_user(f"ed{i}", group="Editors") for i in range(2)]
    article = ready_article(body="<p>Start.</p>")
    version = article.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(user):
        try:
            barrier.wait()
            editing.article_save(article=Article.objects.get(pk=article.pk), user=user,
                                  data={"body": f"<p>Text by {user.username}.</p>"}, expected_version=version)
            outcomes[user.username] = "saved"
        except editing.EditConflict:
            outcomes[user.username] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(name for name, o in outcomes.items() if o == "saved")
    loser = next(name for name, o in outcomes.items() if o == "refused")
    article.refresh_from_db()
    assert article.body == f"<p>Text by {winner}.</p>" and article.version == version + 1
    assert PendingChange.objects.get(article=article, kind="rejected").data == {"body": f"<p>Text by {loser}.</p>"}
