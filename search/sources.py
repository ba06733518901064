"""Results from apps above search (the outlet's own pages), which search
may not import: such an app registers a source in its ``ready()``, and the
results page lists what each source finds above the articles. A source
returns only what readers may see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class OtherResult:
    title: str
    url: str
    summary: str = ""


Source = Callable[[str], list[OtherResult]]
_sources: list[Source] = []


def register_source(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def other_results(query: str) -> list[OtherResult]:
    return [result for source in _sources for result in source(query)]
