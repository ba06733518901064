"""The crash test with a real kill: a ``manage.py db_worker`` process
sending a digest run through a real SMTP server (aiosmtpd, in this process)
is SIGKILLed part-way; a fresh worker puts the lost send task back and runs
it, and every reader has exactly one digest."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from tests.tasks.queue_support import using_rq
from tests.tasks.test_worker_killed import ROOT, _py, _run_queue, scratch_env  # noqa: F401 (the fixture)

from .conftest import Inbox, _started_controller

pytestmark = pytest.mark.skipif(using_rq(), reason="the database queue's worker is the one killed here")

READERS = 6

SETUP = f"""
import django
django.setup()
from django.utils import timezone
from subscriptions.tasks import queue_digest_task
from tests.factories import make_article, make_enterprise
from tests.subscriptions.helpers import confirmed_reader
baotou = make_enterprise("Baotou Steel Group", profile_published=True)
make_article("Baotou doubles output", enterprises=[baotou], published_at=timezone.now() - timezone.timedelta(hours=1))
for i in range({READERS}):
    confirmed_reader(f"reader{{i}}@example.org", ("enterprise", baotou, "daily"))
print(queue_digest_task.enqueue(rhythm="daily").id)
"""

SENT = """
import django
django.setup()
from subscriptions.models import Delivery
print(Delivery.objects.filter(kind="digest", status="sent").count(), Delivery.objects.filter(kind="digest").count())
"""


def test_a_worker_killed_mid_digest_and_restarted_sends_everyone_exactly_one(scratch_env, tmp_path):  # noqa: F811
    inbox = Inbox()
    controller = _started_controller(inbox)
    port = controller.port
    # One message a second: the kill lands while the worker waits between two
    # sends, not in the few milliseconds between the server's "250 OK" and the
    # log's commit (the one window docs/subscriptions.md says may repeat a message).
    env = {**scratch_env, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_USE_TLS": "0",
           "EMAIL_HOST_USER": "", "EMAIL_HOST_PASSWORD": "", "SUBSCRIPTIONS_SEND_RATE": "1",
           "SITE_URL": "https://news.example.com"}
    try:
        _py(env, SETUP)
        with (tmp_path / "worker.log").open("w") as log:
            worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload",
                                       "--interval", "0.2"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                deadline = time.monotonic() + 180
                while len(inbox.received) < 3 and time.monotonic() < deadline and worker.poll() is None:
                    time.sleep(0.05)
                assert len(inbox.received) == 3, (tmp_path / "worker.log").read_text()
                time.sleep(0.4)
                worker.send_signal(signal.SIGKILL)
                worker.wait(10)
            finally:
                worker.kill()
        before = len(inbox.received)
        assert 3 <= before < READERS, "killed part-way"
        assert _py(env, SENT) == f"{before} {READERS}", "the unsent rows are still queued"
        _run_queue(env)  # a fresh worker: it puts the killed send task back and runs it
    finally:
        controller.stop()
    recipients = sorted(to for tos, _ in inbox.received for to in tos)
    assert recipients == sorted(f"reader{i}@example.org" for i in range(READERS))
    assert _py(env, SENT) == f"{READERS} {READERS}"
