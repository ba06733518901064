"""Progress display for import commands: a redrawn bar on a terminal, plain
lines (at most one every few seconds) when output goes to a file or a log."""

from __future__ import annotations

import time
from typing import IO, Protocol

from .summary import ImportSummary


class SizedSource(Protocol):
    total_bytes: int

    @property
    def bytes_read(self) -> int: ...


class Progress:
    """Called by the import service after each batch."""

    def __init__(self, stream: IO[str], source: SizedSource, *, tty: bool | None = None, interval: float = 5.0):
        self.stream = stream
        self.source = source
        self.tty = stream.isatty() if tty is None else tty
        self.interval = interval
        self._last = 0.0

    def _status(self, s: ImportSummary) -> str:
        return (
            f"{s.read:,} read · {s.created:,} created · {s.updated:,} updated · {s.unchanged:,} unchanged · "
            f"{s.skipped_total:,} skipped · {len(s.failed):,} failed · {s.rate:,.0f}/s"
        )

    def _fraction(self) -> float:
        total = self.source.total_bytes
        return min(self.source.bytes_read / total, 1.0) if total else 1.0

    def __call__(self, summary: ImportSummary) -> None:
        fraction = self._fraction()
        if self.tty:
            filled = int(fraction * 30)
            bar = "█" * filled + "░" * (30 - filled)
            self.stream.write(f"\r{fraction:4.0%} {bar} {self._status(summary)}\x1b[K")
            self.stream.flush()
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self.stream.write(f"progress {fraction:.0%}: {self._status(summary)}\n")
            self.stream.flush()

    def finish(self, summary: ImportSummary) -> None:
        if self.tty:
            self(summary)
            self.stream.write("\n")
        else:
            self.stream.write(f"progress 100%: {self._status(summary)}\n")
        self.stream.flush()
