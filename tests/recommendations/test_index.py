"""The worker's index: neighbours found a block at a time, the index saved by
a rebuild and loaded by a fresh worker's refresh, and the refresh's own queue."""

import datetime

import numpy as np
import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import events
from articles.models import Article
from core.task_worker import worker_starting
from recommendations import engine, knn, snapshot
from recommendations import index as article_index
from recommendations.models import RelatedArticle
from tests.factories import make_article
from tests.tasks.queue_support import run_worker, using_rq

pytestmark = pytest.mark.django_db

SUBJECTS = [
    ("magnet recycling", "Recyclers recover neodymium and dysprosium from old hard disk drive magnets."),
    ("export quotas", "The ministry cut export quotas for rare earth oxides and tightened licences for traders."),
    ("smelter pollution", "Inspectors closed a smelter after finding acid waste in the river near the plant."),
    ("magnet prices", "Neodymium magnet makers raised prices as oxide costs climbed for a third month."),
    ("mine permits", "Provincial officials suspended mining permits in the south after illegal digging."),
    ("choir festival", "A choir rehearsed new songs for the spring festival downtown with a children's group."),
]


def corpus(per_subject: int = 6) -> list[Article]:
    """A few dozen articles in six subjects, each told with varying words."""
    out = []
    for s, (subject, text) in enumerate(SUBJECTS):
        for i in range(per_subject):
            words = text.split()
            # Each story drops a different word and adds its own detail.
            told = " ".join(w for j, w in enumerate(words) if j % per_subject != i)
            out.append(make_article(f"{subject.title()} report {i}", body=f"<p>{told} Detail {s}-{i}.</p>",
                                    standfirst="", highlights=[]))
    return out


def lists() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for a, r in RelatedArticle.objects.filter(pinned=False).order_by("article_id", "rank").values_list(
            "article_id", "related_id"):
        out.setdefault(a, []).append(r)
    return out


@pytest.fixture
def large(monkeypatch):
    """Thresholds of a large archive on a small one: the latent space is
    learnt, refreshes update the index instead of rebuilding it."""
    monkeypatch.setattr(engine, "SMALL_CORPUS", 4)
    monkeypatch.setattr(article_index, "LSA_MIN_DOCS", 10)
    monkeypatch.setattr(article_index, "LSA_COMPONENTS", 8)
    monkeypatch.setattr(article_index, "LSA_FEATURES", 60)  # the latent space reads some of the words only
    monkeypatch.setattr(engine, "_HELD", {})
    yield
    snapshot.path().unlink(missing_ok=True)


def test_neighbours_found_a_block_at_a_time_are_those_of_the_whole_product():
    rng = np.random.default_rng(3)
    base = rng.normal(size=(50, 6)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    rows = np.arange(50)
    whole = base @ base.T
    np.fill_diagonal(whole, -np.inf)
    expected = np.argsort(-whole, axis=1, kind="stable")[:, :7]
    for block in (1, 3, 50):
        cols, sims = knn.nearest(base, base, 7, exclude=rows, rows_per_block=block)
        assert (cols == expected).all()
        assert np.allclose(sims, np.take_along_axis(whole, expected, axis=1))


def test_a_rebuild_in_blocks_smaller_than_the_archive_stores_the_same_lists(large, monkeypatch):
    corpus()
    engine.rebuild_all()
    whole = lists()
    index = engine._HELD["index"]
    assert index.lsa_columns is not None and len(index.lsa_columns) == 60
    # Every row's text neighbours are the best of the exact score over all rows.
    exact = (1 - engine.W_LSA) * (index.words @ index.words.T).toarray() + engine.W_LSA * (
        index.latent @ index.latent.T)
    np.fill_diagonal(exact, -np.inf)
    best = np.sort(exact, axis=1)[:, ::-1][:, : index.near.shape[1]]
    assert np.allclose(index.near_sims, best, atol=1e-5)

    monkeypatch.setattr(knn, "BLOCK_CELLS", 40)  # one or two rows per block
    monkeypatch.setattr(engine, "BLOCK_ROWS", 5)
    assert knn.block_rows(len(index)) < 5
    engine.rebuild_all()
    assert lists() == whole
    assert len(whole) == Article.objects.published().count()


def test_a_fresh_workers_refresh_loads_the_saved_index_and_lists_like_a_rebuild(large, monkeypatch,
                                                                                 django_capture_on_commit_callbacks):
    articles = corpus()
    source = articles[0]  # magnet recycling
    new = make_article("Magnet recycling report new", status=Article.Status.DRAFT, standfirst="", highlights=[],
                       body=f"<p>{SUBJECTS[0][1]} A new plant opened.</p>")
    engine.rebuild_all()
    assert snapshot.path().exists()
    engine._HELD.clear()  # a worker that has just started

    def no_build(**kwargs):
        raise AssertionError("a refresh with a saved index must not build one")

    monkeypatch.setattr(engine, "build_index", no_build)
    new.status, new.published_at = Article.Status.PUBLISHED, timezone.now() - datetime.timedelta(minutes=1)
    new.save()
    with django_capture_on_commit_callbacks(execute=True):
        events.public_content_changed(article_ids=[new.pk], reason="published")
    refreshed = lists()
    assert new.pk in engine._HELD["index"].row_of
    assert new.pk in refreshed[source.pk]
    magnet_recycling = {a.pk for a in articles[:6]}
    assert set(refreshed[new.pk][:5]) <= magnet_recycling

    monkeypatch.undo()  # a full rebuild, for comparison (the same thresholds)
    large_again(monkeypatch)
    engine.rebuild_all()
    rebuilt = lists()
    assert set(refreshed[new.pk]) == set(rebuilt[new.pk])
    assert (new.pk in refreshed[source.pk]) == (new.pk in rebuilt[source.pk])


def large_again(monkeypatch):
    monkeypatch.setattr(article_index, "LSA_FEATURES", 60)
    monkeypatch.setattr(engine, "SMALL_CORPUS", 4)
    monkeypatch.setattr(article_index, "LSA_MIN_DOCS", 10)
    monkeypatch.setattr(article_index, "LSA_COMPONENTS", 8)


def test_a_saved_index_is_brought_up_to_date_with_what_changed_since(large, monkeypatch):
    articles = corpus()
    engine.rebuild_all()
    engine._HELD.clear()
    gone = articles[7]
    gone.status = Article.Status.ARCHIVED
    gone.save()
    added = make_article("Export quotas report extra", standfirst="", highlights=[],
                         body=f"<p>{SUBJECTS[1][1]} Traders wait.</p>")
    index, fresh = engine.held_index(names=engine.EntityNames.load(), published_count=len(articles))
    assert not fresh
    assert added.pk in index.row_of and gone.pk not in index.row_of
    assert not (index.near == -2).any() and (index.near < len(index)).all()


def test_an_unreadable_saved_index_is_rebuilt(large):
    corpus(per_subject=2)
    snapshot.path().parent.mkdir(parents=True, exist_ok=True)
    snapshot.path().write_bytes(b"not a joblib file")
    index, fresh = engine.held_index(names=engine.EntityNames.load(), published_count=12)
    assert fresh and len(index) == 12
    assert snapshot.load() is not None  # and saved again, readable


@pytest.mark.django_db(transaction=True)
def test_the_refresh_runs_on_its_own_queue(settings):
    if using_rq():
        pytest.skip("reads django-tasks-db's results")
    settings.TASKS = settings.TASKS_QUEUE
    a = make_article("Recycling hard drive magnets", body=f"<p>{SUBJECTS[0][1]}</p>", tags=["magnets"])
    make_article("Magnet recycling grows", body=f"<p>{SUBJECTS[0][1]} More.</p>", tags=["magnets"])
    events.enqueue_public_content_changed(article_ids=[a.pk], reason="published")
    run_worker()
    refresh = DBTaskResult.objects.get(task_path__endswith=".refresh_related_lists_task")
    assert refresh.queue_name == "recommendations"
    assert refresh.status == "SUCCESSFUL"
    assert RelatedArticle.objects.filter(article=a).exists()


def test_a_worker_for_the_lists_loads_the_saved_index_before_its_first_task(large, monkeypatch,
                                                                            django_capture_on_commit_callbacks):
    """A fresh worker's first refresh must not wait for the saved index to
    be read: the worker loads it when it starts (core.task_worker.worker_starting)."""
    articles = corpus()
    engine.rebuild_all()
    engine._HELD.clear()  # a worker that has just started
    worker_starting.send(sender=None, queue_names=["default"])
    assert "index" not in engine._HELD  # the other queue's worker holds no index
    worker_starting.send(sender=None, queue_names=["recommendations"])
    assert len(engine._HELD["index"]) == len(articles)

    def unexpected(*args, **kwargs):
        raise AssertionError("the first refresh must use the index loaded at start")

    monkeypatch.setattr(snapshot, "load", unexpected)
    monkeypatch.setattr(engine, "build_index", unexpected)
    new = make_article("Magnet recycling report new", standfirst="", highlights=[],
                       body=f"<p>{SUBJECTS[0][1]} A new plant opened.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        events.public_content_changed(article_ids=[new.pk], reason="published")
    assert new.pk in engine._HELD["index"].row_of
    assert set(lists()[new.pk][:5]) <= {a.pk for a in articles[:6]}


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
def test_the_worker_command_prepares_before_taking_tasks(settings):
    if using_rq():
        pytest.skip("runs django-tasks-db's worker")
    settings.TASKS = settings.TASKS_QUEUE
    seen = []

    def prepared(sender, queue_names, **kwargs):
        seen.append(queue_names)

    worker_starting.connect(prepared)
    try:
        call_command("db_worker", "--batch", "--queue-name", "recommendations", "--sweep-interval", "0")
    finally:
        worker_starting.disconnect(prepared)
    assert seen == [["recommendations"]]
