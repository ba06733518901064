"""Settings of a real task worker started by a test (tests/tasks/test_worker_killed.py,
bench/faults.py): the test settings, with tasks going to the real queue."""

from ree_exchange.settings.test import *  # noqa: F403
from ree_exchange.settings.test import TASKS_QUEUE

TASKS = TASKS_QUEUE
