"""The TASKS setting of Django's Tasks API (django-tasks until Django 6.0).

One alias, "default", is what every task of the project runs on; which queue
backs it is an operator's choice (TASKS_BACKEND), not the code's:

* ``db``: django-tasks-db, the database is the queue and ``manage.py
  db_worker`` runs it. Nothing more to operate, which suits one machine.
* ``rq``: django-tasks-rq on Redis (``manage.py rqworker default``), for sites
  that run workers on several machines (docs/scale-out.md).
* ``immediate``: each task runs when it is enqueued, in that process.
"""

from __future__ import annotations

# Queues: "default" for everything, and "recommendations" for the related
# lists' refresh and rebuild, which a worker of its own serves (it holds the
# index; a long queue of other tasks never holds a new article's list back).
QUEUES = ["default", "recommendations"]

BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}


def task_backends(name: str, *, redis_url: str = "") -> tuple[dict, dict]:
    """(TASKS, RQ_QUEUES) for the backend called ``name``."""
    if name not in BACKENDS:
        raise ValueError(f"TASKS_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}")
    tasks = {"default": {"BACKEND": BACKENDS[name], "QUEUES": QUEUES}}
    rq_queues = {}
    if name == "rq":
        rq_queues = {q: {"URL": redis_url or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 1800} for q in QUEUES}
    return tasks, rq_queues
