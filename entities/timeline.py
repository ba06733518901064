"""How an official is described in a story: the post they held on the
story's date, worked out from their positions timeline."""

from __future__ import annotations

import datetime

from .models import Official, Position, position_on


def position_then(official: Official, day: datetime.date, *, today: datetime.date | None = None) -> str:
    """e.g. "Party Secretary, Inner Mongolia Party Committee", or "then Party
    Secretary, ..." when that post has ended since ``day``. Uses the
    official's prefetched positions; "" when none was held on ``day``."""
    position: Position | None = position_on(list(official.positions.all()), day)
    if position is None:
        return ""
    today = today or datetime.date.today()
    label = f"{position.title}, {position.organisation_label}"
    if position.end_date and position.end_date < today:
        return f"then {label}"
    return label
