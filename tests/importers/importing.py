"""Helpers shared by the import/export tests."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command

DATA = Path(__file__).resolve().parent.parent / "data"


def run(command: str, *args, **options) -> tuple[str, str]:
    """Run a management command; return (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def summary_count(output: str, label: str) -> int:
    for line in output.splitlines():
        if line.strip().startswith(f"{label}:"):
            return int(line.split(":", 1)[1].strip().replace(",", ""))
    raise AssertionError(f"no {label!r} line in:\n{output}")
