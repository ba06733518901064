"""The processes on this machine as /proc/<pid>/stat describes them (Linux)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def process_stats() -> Iterator[tuple[int, str, list[str]]]:
    """(pid, command name, the fields after the name: state, ppid, ... as
    in proc(5) from field 3 on) for every process still there when read."""
    proc = Path("/proc")
    if not proc.is_dir():
        return
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces.
        yield int(entry.name), raw[raw.index("(") + 1:raw.rindex(")")], raw[raw.rindex(")") + 2:].split()
