"""The kit every room's rules are written with: field errors with stable codes, and the few
rules for text, dates and times that are the same everywhere.

A rule returns normalised data or raises :class:`ValidationFailed` listing *all* problems at
once, so a form can mark every wrong field in one round trip and an API can answer one 4xx with
machine-readable codes. Codes are part of the API: never rename one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code}


class ValidationFailed(ValueError):
    """Raised with every problem found in one piece of input."""

    def __init__(self, errors: list[FieldError]):
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors

    def codes(self) -> dict[str, str]:
        return {e.field: e.code for e in self.errors}


# Characters that are not seen but change what is seen: controls (Cc), format characters (Cf:
# bidi embeddings, overrides and isolates such as U+202E, zero-width spaces and joiners, the
# BOM, soft hyphens) and lone surrogates (Cs), which cannot even be written as UTF-8.
_UNSEEN = frozenset({"Cc", "Cf", "Cs"})


def clean_text(raw: str) -> str:
    """One line of text as every room stores it: Unicode NFC (``Å`` typed as A + ring is one
    letter, so it sorts, folds and compares as one), controls, bidi overrides and zero-width
    characters dropped, runs of white space folded. Names pass here before they are kept, so
    a name reversed by U+202E or padded with U+200B never reaches the screen or the exports."""
    text = _CONTROL.sub("", raw)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = "".join(ch for ch in text if unicodedata.category(ch) not in _UNSEEN)
    return _SPACES.sub(" ", text).strip()


def parse_date(raw: object) -> dt.date | None:
    if not isinstance(raw, str):
        return None
    try:
        value = dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None
    return value if 2000 <= value.year <= 2100 else None


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_typed_date(raw: object) -> dt.date | None:
    """A date as a person types it here, ``dd.mm.yyyy`` (or ISO ``yyyy-mm-dd``), or None.

    Forms use it; the wire and the APIs stay ISO (:func:`parse_date`).
    """
    if not isinstance(raw, str):
        return None
    match = _DAY_MONTH_YEAR.match(raw.strip())
    if not match:
        return parse_date(raw)
    day, month, year = (int(g) for g in match.groups())
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if 2000 <= value.year <= 2100 else None


def day_month_year(iso: object) -> str:
    """An ISO date as ``dd.mm.yyyy`` for a form field; anything else as it was typed."""
    value = parse_date(iso)
    if value is None:
        return iso if isinstance(iso, str) else ""
    return value.strftime("%d.%m.%Y")


def parse_hhmm(raw: object) -> str | None:
    """A clock time ``HH:MM`` (24 hours), or None."""
    if not isinstance(raw, str) or not _HHMM.match(raw.strip()):
        return None
    return raw.strip()


def is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class Checks:
    """Gathers field errors so a rule reports all of them, not just the first."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, code: str) -> None:
        self.errors.append(FieldError(field, code))

    def text(self, data: Mapping, field: str, limit: int, *, required: bool = True, key=None):
        raw = data.get(key or field)
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            self.add(field, "not_text")
            return ""
        value = clean_text(raw)
        if required and not value:
            self.add(field, "required")
        elif len(value) > limit:
            self.add(field, "too_long")
        return value

    def choice(self, data: Mapping, field: str, allowed, *, code: str, key=None) -> str:
        raw = data.get(key or field)
        if raw in (None, ""):
            self.add(field, "required")
            return ""
        if raw not in allowed:
            self.add(field, code)
            return ""
        return str(raw)

    def date(self, data: Mapping, field: str) -> dt.date | None:
        raw = data.get(field)
        value = parse_date(raw)
        if raw in (None, ""):
            self.add(field, "required")
        elif value is None:
            self.add(field, "invalid_date")
        return value

    def time(self, data: Mapping, field: str) -> str:
        raw = data.get(field)
        value = parse_hhmm(raw)
        if raw in (None, ""):
            self.add(field, "required")
        elif value is None:
            self.add(field, "invalid_time")
        return value or ""

    def flag(self, data: Mapping, field: str) -> bool:
        """A yes/no that must be given as such; missing means no (consent is opt-in)."""
        raw = data.get(field, False)
        if not isinstance(raw, bool):
            self.add(field, "not_a_boolean")
            return False
        return raw

    def whole_number(self, data: Mapping, field: str, low: int, high: int, default=None):
        raw = data.get(field, default)
        if raw in (None, ""):
            if default is None:
                self.add(field, "required")
                return None
            raw = default
        if isinstance(raw, bool):
            self.add(field, "out_of_range")
            return None
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        try:
            value = int(str(raw).strip()) if not isinstance(raw, int) else raw
        except ValueError:
            self.add(field, "not_a_number")
            return None
        if not low <= value <= high:
            self.add(field, "out_of_range")
            return None
        return value

    def done(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)


def require_mapping(data: object, name: str) -> None:
    if not isinstance(data, Mapping):
        raise ValidationFailed([FieldError(name, "not_an_object")])
