"""Read replicas: anonymous reads go to a replica, anything that may write or
belongs to a signed-in person reads the primary (read-your-writes)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from ree_exchange import db_router
from ree_exchange.db_router import PinPrimaryMiddleware, PrimaryReplicaRouter


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(db_router, "replica_aliases", lambda: ["replica_1"])


def _read_alias_during(request) -> str:
    seen = {}

    def view(req):
        seen["alias"] = PrimaryReplicaRouter().db_for_read(Article)
        return HttpResponse("ok")

    PinPrimaryMiddleware(view)(request)
    return seen["alias"]


def test_without_replicas_everything_reads_the_primary():
    assert PrimaryReplicaRouter().db_for_read(Article) == "default"


def test_anonymous_get_reads_a_replica(with_replica):
    assert _read_alias_during(RequestFactory().get("/")) == "replica_1"


@pytest.mark.parametrize(
    "request_",
    [
        RequestFactory().post("/search/"),
        RequestFactory().get("/admin/articles/article/"),
        RequestFactory().get("/preview/abc/"),
        RequestFactory(HTTP_COOKIE="sessionid=abc").get("/"),
    ],
    ids=["post", "admin", "preview", "signed-in"],
)
def test_requests_that_may_write_or_are_personal_read_the_primary(with_replica, request_):
    assert _read_alias_during(request_) == "default"


def test_after_a_write_the_rest_of_the_request_reads_the_primary(with_replica):
    seen = []

    def view(req):
        router = PrimaryReplicaRouter()
        seen.append(router.db_for_read(Article))
        assert router.db_for_write(Article) == "default"
        seen.append(router.db_for_read(Article))
        return HttpResponse("ok")

    PinPrimaryMiddleware(view)(RequestFactory().get("/"))
    assert seen == ["replica_1", "default"]
    # The pin does not leak into the next request.
    assert _read_alias_during(RequestFactory().get("/")) == "replica_1"


def test_migrations_only_run_on_the_primary():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica_1", "articles")


def test_replica_urls_become_test_mirrors_of_default():
    import dj_database_url

    dbs = db_router.replica_databases(["postgres://u@replica-host:5432/ree"], dj_database_url.parse)
    assert dbs["replica_1"]["HOST"] == "replica-host"
    assert dbs["replica_1"]["TEST"] == {"MIRROR": "default"}
