"""Digests and the clean-up with no cron: self-rescheduling tasks, one chain
per job however often the schedule is seeded."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from subscriptions import schedule, tasks
from subscriptions.models import Delivery, ScheduledRun
from tests.factories import make_article, make_enterprise
from tests.tasks.queue_support import run_worker, using_rq

from .helpers import confirmed_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(settings):
    """A queue that keeps what is enqueued (with its run_after) instead of running it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                                  "QUEUES": ["default", "recommendations"]}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def scheduled(queue, job: str | None = None) -> list:
    return [r for r in queue.results if r.task.name == "scheduled_run_task"
            and (job is None or r.kwargs["job"] == job)]


def run(result) -> dict:
    return tasks.scheduled_run_task.call(**result.kwargs)


def test_seeding_starts_one_chain_per_job_and_seeding_again_adds_none(queue):
    call_command("subscriptions_schedule")
    call_command("subscriptions_schedule")
    tasks.seed_schedule()

    assert sorted(ScheduledRun.objects.values_list("job", flat=True)) == sorted(schedule.JOBS)
    queued = scheduled(queue)
    assert sorted(r.kwargs["job"] for r in queued) == sorted(schedule.JOBS)
    for result in queued:
        row = ScheduledRun.objects.get(job=result.kwargs["job"])
        assert result.task.run_after == row.next_run_at > timezone.now()


def test_daily_run_queues_the_digest_and_the_next_run_once(queue):
    baotou = make_enterprise("Baotou Steel Group", profile_published=True)
    make_article("Baotou doubles output", enterprises=[baotou],
                 published_at=timezone.now() - datetime.timedelta(hours=1))
    reader = confirmed_reader("reader@example.org", ("enterprise", baotou, "daily"))
    tasks.seed_schedule()
    first = scheduled(queue, schedule.DAILY)[0]
    # The worker picks it up at its time: pretend that moment has come.
    ScheduledRun.objects.filter(job=schedule.DAILY).update(next_run_at=timezone.now() - datetime.timedelta(minutes=1))
    due = ScheduledRun.objects.get(job=schedule.DAILY).next_run_at
    first.kwargs["due"] = due.isoformat()

    outcome = run(first)
    again = run(first)  # a second copy of the same run (a retry, a second worker)

    assert outcome["claim"] == "claimed" and again["claim"] == "again"
    assert Delivery.objects.filter(subscriber=reader, kind=Delivery.Kind.DIGEST).count() == 1
    assert [r for r in queue.results if r.task.name == "send_edition_task"]
    chain = scheduled(queue, schedule.DAILY)
    assert len(chain) == 2, "the run queued exactly one next run"
    following = chain[-1]
    row = ScheduledRun.objects.get(job=schedule.DAILY)
    assert following.task.run_after == row.next_run_at > timezone.now()
    assert row.next_run_at - due <= datetime.timedelta(days=1)
    assert timezone.localtime(row.next_run_at).strftime("%H:%M") == "07:00"


class Killed(BaseException):
    """What SIGKILL looks like from inside: nothing after it runs."""


def test_a_run_whose_worker_died_mid_work_does_the_work_when_put_back(queue, monkeypatch):
    baotou = make_enterprise("Baotou Steel Group", profile_published=True)
    make_article("Baotou doubles output", enterprises=[baotou],
                 published_at=timezone.now() - datetime.timedelta(hours=1))
    reader = confirmed_reader("reader@example.org", ("enterprise", baotou, "daily"))
    tasks.seed_schedule()
    first = scheduled(queue, schedule.DAILY)[0]
    ScheduledRun.objects.filter(job=schedule.DAILY).update(next_run_at=timezone.now() - datetime.timedelta(minutes=1))
    first.kwargs["due"] = ScheduledRun.objects.get(job=schedule.DAILY).next_run_at.isoformat()
    real_queue = tasks.digests.queue_edition

    def dies(edition):
        raise Killed

    monkeypatch.setattr(tasks.digests, "queue_edition", dies)
    with pytest.raises(Killed):
        run(first)
    monkeypatch.setattr(tasks.digests, "queue_edition", real_queue)
    assert not Delivery.objects.filter(subscriber=reader).exists()

    assert run(first)["claim"] == "again"  # the worker's sweep put the task back
    assert Delivery.objects.filter(subscriber=reader, kind=Delivery.Kind.DIGEST).count() == 1
    assert len(scheduled(queue, schedule.DAILY)) == 2, "still one next run"


def test_a_lost_chain_is_started_again_and_its_stray_copy_stops(queue):
    tasks.seed_schedule()
    lost = scheduled(queue, schedule.WEEKLY)[0]
    ScheduledRun.objects.filter(job=schedule.WEEKLY).update(
        next_run_at=timezone.now() - datetime.timedelta(days=1))
    lost.kwargs["due"] = ScheduledRun.objects.get(job=schedule.WEEKLY).next_run_at.isoformat()

    assert tasks.seed_schedule()[schedule.WEEKLY] == "restarted (overdue)"
    restarted = scheduled(queue, schedule.WEEKLY)[-1]
    assert restarted.task.run_after <= timezone.now(), "the missed edition runs now"

    assert run(lost)["ran"] is False
    assert run(restarted)["ran"] is True
    assert len(scheduled(queue, schedule.WEEKLY)) == 3  # seed, restart, and the restarted run's next


def test_cleanup_run_watches_the_other_chains(queue):
    tasks.seed_schedule()
    ScheduledRun.objects.filter(job=schedule.DAILY).delete()
    cleanup = scheduled(queue, schedule.CLEANUP)[0]
    ScheduledRun.objects.filter(job=schedule.CLEANUP).update(next_run_at=timezone.now())
    cleanup.kwargs["due"] = ScheduledRun.objects.get(job=schedule.CLEANUP).next_run_at.isoformat()

    outcome = run(cleanup)

    assert outcome["schedule"][schedule.DAILY] == "started"
    assert ScheduledRun.objects.filter(job=schedule.DAILY).exists()
    assert any(r.task.name == "resend_queued_task" for r in queue.results)


def test_without_a_deferring_backend_nothing_is_started():
    # The tests' immediate backend runs a task at once: a chain there would never end.
    assert all("cron" in state for state in tasks.seed_schedule().values())
    assert not ScheduledRun.objects.exists()


@pytest.mark.parametrize(("after", "job", "expected"), [
    ("2026-12-04 06:59", schedule.DAILY, "2026-12-04 07:00"),
    ("2026-12-04 07:00", schedule.DAILY, "2026-12-05 07:00"),
    ("2026-12-04 08:00", schedule.WEEKLY, "2026-12-07 07:00"),  # a Friday: next Monday
    ("2026-12-07 06:00", schedule.WEEKLY, "2026-12-07 07:00"),
    ("2026-12-04 08:30", schedule.CLEANUP, "2026-12-04 09:30"),
])
def test_next_moment(settings, after, job, expected):
    settings.TIME_ZONE = "Asia/Shanghai"
    tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    when = datetime.datetime.fromisoformat(after).replace(tzinfo=tz)
    got = schedule.next_moment(job, after=when)
    assert got.astimezone(tz).strftime("%Y-%m-%d %H:%M") == expected


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(using_rq(), reason="counts the database queue's rows")
def test_on_the_database_queue_one_task_per_job_waits_for_its_time(settings):
    settings.TASKS = settings.TASKS_QUEUE
    call_command("subscriptions_schedule")
    call_command("subscriptions_schedule")
    waiting = DBTaskResult.objects.filter(task_path="subscriptions.tasks.scheduled_run_task")
    assert waiting.count() == len(schedule.JOBS)
    run_worker()  # nothing is due yet: the worker leaves them waiting
    assert waiting.filter(status="READY").count() == len(schedule.JOBS)
    assert {r.run_after for r in waiting} == set(ScheduledRun.objects.values_list("next_run_at", flat=True))
