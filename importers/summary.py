"""What an import did, as its command reports it."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .records import Failed


@dataclass
class ImportSummary:
    """What an import did: counts, reasons for skips and failures, and the
    ids of the articles it created or changed."""

    source: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)
    failed: list[Failed] = field(default_factory=list)
    assets: int = 0
    redirects: int = 0
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.read / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def report_lines(self, unit: str = "record") -> list[str]:
        lines = [
            f"Imported {self.source}: {self.read:,} {unit}s read in {self.elapsed:.1f} s ({self.rate:,.0f}/s)",
            f"  created:   {self.created:,}",
            f"  updated:   {self.updated:,}",
            f"  unchanged: {self.unchanged:,}",
            f"  skipped:   {self.skipped_total:,}",
        ]
        lines += [f"    {reason}: {n:,}" for reason, n in sorted(self.skipped.items())]
        if self.notes:
            lines.append("  notes:")
            lines += [f"    {note}: {n:,}" for note, n in sorted(self.notes.items())]
        lines.append(f"  failed:    {len(self.failed):,}")
        lines += [f"    {unit} {f.number}: {f.reason}" for f in self.failed]
        if self.assets:
            lines.append(f"  media recorded by source URL: {self.assets:,}")
        if self.redirects:
            lines.append(f"  old URLs redirecting: {self.redirects:,}")
        return lines


ProgressCallback = Callable[[ImportSummary], None]


ProgressCallback = Callable[[ImportSummary], None]
