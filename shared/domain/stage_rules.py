"""Checks for what the organiser types on the stage controls and the records page.

Same contract as :mod:`shared.domain.validation`: normalised data back, or one
:class:`ValidationFailed` naming every wrong field with a stable code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from shared.domain.validation import (
    MAX_NAME,
    FieldError,
    ValidationFailed,
    clean_text,
    parse_date,
)
from shared.i18n import LANGUAGES

MAX_MESSAGE = 140
MAX_URL = 200
MAX_FIGURE = 100_000
_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")


def validate_closing_time(raw: object) -> str:
    if not isinstance(raw, str) or not _HHMM.match(raw.strip()):
        raise ValidationFailed([FieldError("closes_at", "invalid_time")])
    return raw.strip()


def validate_screen_config(data: Mapping) -> dict[str, object]:
    errors: list[FieldError] = []
    message = data.get("message") or ""
    if not isinstance(message, str):
        errors.append(FieldError("message", "not_text"))
        message = ""
    message = clean_text(message)
    if len(message) > MAX_MESSAGE:
        errors.append(FieldError("message", "too_long"))
    language = data.get("language") or "nb"
    if language not in LANGUAGES:
        errors.append(FieldError("language", "out_of_range"))
    public_url = clean_text(str(data.get("public_url") or ""))
    if public_url and (len(public_url) > MAX_URL or not _URL.match(public_url)):
        errors.append(FieldError("public_url", "invalid_url"))
    if errors:
        raise ValidationFailed(errors)
    return {
        "message": message,
        "show_ticker": bool(data.get("show_ticker")),
        "language": language,
        "public_url": public_url,
    }


def validate_earlier_evening(data: Mapping) -> dict[str, object]:
    errors: list[FieldError] = []
    name = data.get("name")
    name = clean_text(name) if isinstance(name, str) else ""
    if not name:
        errors.append(FieldError("name", "required"))
    elif len(name) > MAX_NAME:
        errors.append(FieldError("name", "too_long"))
    date = parse_date(data.get("date"))
    if data.get("date") in (None, ""):
        errors.append(FieldError("date", "required"))
    elif date is None:
        errors.append(FieldError("date", "invalid_date"))
    figures = {}
    for field in ("deals", "participants"):
        raw = data.get(field)
        if raw in (None, ""):
            errors.append(FieldError(field, "required"))
            continue
        try:
            value = int(str(raw).strip()) if not isinstance(raw, bool) else -1
        except ValueError:
            errors.append(FieldError(field, "not_a_number"))
            continue
        if not 0 <= value <= MAX_FIGURE:
            errors.append(FieldError(field, "out_of_range"))
            continue
        figures[field] = value
    if errors:
        raise ValidationFailed(errors)
    return {"name": name, "date": date.isoformat(), **figures}
