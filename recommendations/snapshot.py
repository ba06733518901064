"""The recommendation index on disk, between worker processes.

A full rebuild saves what a refresh needs (the fitted vectorizer and latent
space, every article's vectors, tags, entities and text neighbours) with
joblib, scikit-learn's own persistence; a worker that has no index in
memory (just started, or restarted) loads it instead of rebuilding. The
arrays are memory-mapped read-only (``mmap_mode="r"``), so loading costs
little more than the article metadata, and pages are read as they are used.

Worker-only (joblib comes with scikit-learn). The file is the worker's own
cache, written next to it (``RECOMMENDATIONS_INDEX_PATH``): a worker on
another machine without the file builds its own index on its first refresh.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import joblib
from django.conf import settings

logger = logging.getLogger(__name__)

FORMAT = 2  # bumped when the saved state changes shape; an older file is ignored


def path() -> Path:
    return Path(settings.RECOMMENDATIONS_INDEX_PATH)


def save(state: dict) -> Path | None:
    """Write ``state`` atomically (a reader never sees half a file); returns
    the path, or None if it could not be written (logged: the lists matter
    more than the cache)."""
    target = path()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"format": FORMAT, **state}, tmp)
        os.replace(tmp, target)
    except OSError:
        logger.warning("could not save the recommendation index to %s", target, exc_info=True)
        tmp.unlink(missing_ok=True)
        return None
    return target


def load() -> dict | None:
    """The saved state, its arrays memory-mapped; None if there is none
    usable (missing, unreadable, or of an older format)."""
    target = path()
    if not target.exists():
        return None
    try:
        state = joblib.load(target, mmap_mode="r")
    except Exception:  # noqa: BLE001 - a damaged cache is rebuilt, never fatal
        logger.warning("ignoring an unreadable recommendation index at %s", target, exc_info=True)
        return None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        return None
    return state
