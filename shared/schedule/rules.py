"""What an evening's plan may look like."""

from __future__ import annotations

from shared.core.checks import Checks, require_mapping
from shared.participants.rules import MAX_NAME

MAX_TARGET = 100_000


def validate_event_settings(data: object) -> dict[str, object]:
    """The evening itself: name, venue, date, opening and closing time, target."""
    require_mapping(data, "event")
    c = Checks()
    name = c.text(data, "name", MAX_NAME)
    venue = c.text(data, "venue", MAX_NAME, required=False)
    date = c.date(data, "date")
    opens_at = c.time(data, "opens_at")
    closes_at = c.time(data, "closes_at")
    if opens_at and closes_at and closes_at <= opens_at:
        c.add("closes_at", "closes_before_opens")
    target = c.whole_number(data, "target", 0, MAX_TARGET, default=0)
    c.done()
    return {
        "name": name,
        "venue": venue,
        "date": date.isoformat() if date else "",
        "opens_at": opens_at,
        "closes_at": closes_at,
        "target": target,
    }
