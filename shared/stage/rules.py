"""Checks for what the organiser types on the stage controls and the records page."""

from __future__ import annotations

import re

from shared.core.checks import Checks, FieldError, ValidationFailed, parse_hhmm, require_mapping
from shared.core.vocabulary import LANGUAGES
from shared.participants.rules import MAX_NAME

MAX_MESSAGE = 140
MAX_URL = 200
MAX_FIGURE = 100_000
_URL = re.compile(r"^https?://[^\s<>\"']+$")


def validate_closing_time(raw: object) -> str:
    value = parse_hhmm(raw)
    if value is None:
        raise ValidationFailed([FieldError("closes_at", "invalid_time")])
    return value


def validate_screen_config(data: object) -> dict[str, object]:
    require_mapping(data, "screen")
    c = Checks()
    message = c.text({"message": data.get("message") or ""}, "message", MAX_MESSAGE, required=False)
    language = data.get("language") or "nb"
    if language not in LANGUAGES:
        c.add("language", "out_of_range")
    public_url = c.text(
        {"public_url": str(data.get("public_url") or "")}, "public_url", 10**6, required=False
    )
    if public_url and (len(public_url) > MAX_URL or not _URL.match(public_url)):
        c.add("public_url", "invalid_url")
    c.done()
    return {
        "message": message,
        "show_ticker": bool(data.get("show_ticker")),
        "language": language,
        "public_url": public_url,
        "show_value": bool(data.get("show_value")),
    }


def validate_earlier_evening(data: object) -> dict[str, object]:
    require_mapping(data, "evening")
    c = Checks()
    name = c.text(data, "name", MAX_NAME) if isinstance(data.get("name"), str) else ""
    if not isinstance(data.get("name"), str):
        c.add("name", "required")
    date = c.date(data, "date")
    deals = c.whole_number(data, "deals", 0, MAX_FIGURE)
    participants = c.whole_number(data, "participants", 0, MAX_FIGURE)
    c.done()
    return {"name": name, "date": date.isoformat(), "deals": deals, "participants": participants}
