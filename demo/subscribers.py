"""The demo's email followers, from demo/data/subscribers.json; idempotent.

Readers are written as if each had confirmed by the emailed link (their
follows carry the consent time), so the admin's Subscribers section has counts
and the next briefing a preview on a fresh demo. Nothing is sent: loading
follows is not a follow request. Addresses are in the example domains
(RFC 2606). A reader is matched on the address, a follow on what it follows;
consent times are set once, when the row is made, so a re-run changes nothing.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from taggit.models import Tag

from authors.models import AuthorProfile
from entities.models import Enterprise, Official, Regulator
from subscriptions.models import TARGET_FIELDS, Follow, Subscriber

from .loader import DemoDataError

MODELS = {"official": Official, "enterprise": Enterprise, "regulator": Regulator, "author": AuthorProfile}


def _target(row: dict):
    kind = row["kind"]
    if kind == Follow.Kind.SITE:
        return None
    if kind == "topic":
        found = Tag.objects.filter(name__iexact=row["name"]).first()
    else:
        found = MODELS[kind].objects.filter(slug=row["slug"]).first()
    if found is None:
        raise DemoDataError(f"subscribers.json follows a {kind} the demo does not have: {row.get('slug') or row['name']}")
    return found


def load_subscribers(directory: Path, *, now: datetime.datetime) -> dict:
    """{"emails": every address in the file, "readers"/"follows": how many this run made}."""
    data = json.loads((directory / "subscribers.json").read_text(encoding="utf-8"))
    counts = {"emails": [row["email"] for row in data["subscribers"]], "readers": 0, "follows": 0}
    for row in data["subscribers"]:
        days = row["confirmed_days_ago"]
        confirmed = now - datetime.timedelta(days=days) if days is not None else None
        subscriber, created = Subscriber.objects.get_or_create(email=row["email"], defaults={
            "confirmed_at": confirmed,
            "suppressed_at": now if row.get("stopped") else None,
            "suppressed_reason": row.get("stopped", ""),
        })
        counts["readers"] += created
        for follow_row in row["follows"]:
            target = _target(follow_row)
            column = TARGET_FIELDS.get(follow_row["kind"])
            lookup = {"subscriber": subscriber, "kind": follow_row["kind"], **({column: target} if column else {})}
            follow, made = Follow.objects.get_or_create(**lookup, defaults={
                "rhythm": follow_row["rhythm"], "confirmed_at": subscriber.confirmed_at})
            if not made and follow.rhythm != follow_row["rhythm"]:
                follow.rhythm = follow_row["rhythm"]
                follow.save(update_fields=["rhythm"])
            counts["follows"] += made
    return counts
