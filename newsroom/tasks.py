"""Housekeeping tasks of the desk, run by the task worker."""

from __future__ import annotations

from django_tasks import task

from .trash import TRASH_DAYS, purge_trash


@task()
def purge_trash_task(*, days: int = TRASH_DAYS) -> list[str]:
    """Delete for good what has been in the trash longer than ``days``;
    returns the titles deleted."""
    return purge_trash(days=days)
