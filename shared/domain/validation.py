"""Validation of what people type, with stable error codes.

Every check returns normalised data or raises :class:`ValidationFailed` listing *all* problems at
once, so a form can mark every wrong field in one round trip and an API can answer one 4xx with
machine-readable codes. Codes are part of the API: never rename one.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from shared.domain.vocabulary import CATEGORIES, DEAL_KINDS, SECTORS

MAX_NAME = 120
MAX_GIVES = 500
MAX_PERSON = 80
MAX_BROKER = 60
MAX_NEED_TEXT = 300
MAX_PARTIES = 6
MAX_REASON = 300

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{5,20}$")
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


class _Collector:
    """Gathers field errors so a validator reports all of them, not just the first."""

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

    def done(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)


def clean_text(raw: str) -> str:
    """One line of text: control characters dropped, runs of white space folded."""
    return _SPACES.sub(" ", _CONTROL.sub("", raw)).strip()


def parse_date(raw: object) -> dt.date | None:
    if not isinstance(raw, str):
        return None
    try:
        value = dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None
    return value if 2000 <= value.year <= 2100 else None


def default_deadline(event_date: dt.date | None, today: dt.date) -> dt.date:
    """Three months after the evening: long enough to fulfil a deal, short enough to follow up."""
    start = event_date or today
    month = start.month + 3
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _valid_uuid(raw: object) -> bool:
    if not isinstance(raw, str):
        return False
    try:
        uuid.UUID(raw)
    except ValueError:
        return False
    return True


def validate_deal(data: Mapping, is_known_participant: Callable[[str], bool]) -> dict[str, object]:
    """Check a deal as typed on a kiosk or posted to the API.

    ``parties`` is a list of ``{"participant_id", "gives"}`` or, for a walk-in added on the spot,
    ``{"walk_in": {"name", "sector"}, "gives"}``. Returns the normalised deal with walk-ins kept
    as such; the caller mints their ids.
    """
    if not isinstance(data, Mapping):
        raise ValidationFailed([FieldError("deal", "not_an_object")])
    c = _Collector()
    parties_raw = data.get("parties")
    parties: list[dict[str, object]] = []
    if not isinstance(parties_raw, list):
        c.add("parties", "required" if parties_raw is None else "not_a_list")
        parties_raw = []
    elif len(parties_raw) < 2:
        c.add("parties", "too_few_parties")
    elif len(parties_raw) > MAX_PARTIES:
        c.add("parties", "too_many_parties")
        parties_raw = []
    seen_ids: set[str] = set()
    seen_walk_ins: set[str] = set()
    for index, raw in enumerate(parties_raw):
        prefix = f"parties.{index}"
        if not isinstance(raw, Mapping):
            c.add(prefix, "not_an_object")
            continue
        party: dict[str, object] = {
            "gives": c.text(raw, f"{prefix}.gives", MAX_GIVES, required=False, key="gives")
        }
        walk_in = raw.get("walk_in")
        pid = raw.get("participant_id")
        if walk_in is not None and pid not in (None, ""):
            c.add(prefix, "participant_and_walk_in")
        elif walk_in is not None:
            if not isinstance(walk_in, Mapping):
                c.add(f"{prefix}.walk_in", "not_an_object")
                continue
            name = c.text(walk_in, f"{prefix}.walk_in.name", MAX_NAME, key="name")
            sector = c.choice(
                walk_in, f"{prefix}.walk_in.sector", SECTORS, code="unknown_sector", key="sector"
            )
            if name and name.casefold() in seen_walk_ins:
                c.add(f"{prefix}.walk_in.name", "same_party_twice")
            seen_walk_ins.add(name.casefold())
            party["walk_in"] = {"name": name, "sector": sector}
        elif pid in (None, ""):
            c.add(f"{prefix}.participant_id", "required")
        elif not _valid_uuid(pid) or not is_known_participant(str(pid)):
            c.add(f"{prefix}.participant_id", "unknown_participant")
        elif pid in seen_ids:
            c.add(f"{prefix}.participant_id", "same_party_twice")
        else:
            seen_ids.add(str(pid))
            party["participant_id"] = str(pid)
        parties.append(party)
    category = c.choice(data, "category", CATEGORIES, code="unknown_category")
    kind = c.choice(data, "kind", DEAL_KINDS, code="unknown_kind")
    deadline_raw = data.get("deadline")
    deadline = parse_date(deadline_raw)
    if deadline_raw in (None, ""):
        c.add("deadline", "required")
    elif deadline is None:
        c.add("deadline", "invalid_date")
    if kind in ("mutual",) and len(parties) >= 2:
        # In a mutual deal both sides give; a gift or an intent may leave the receiver blank.
        for index, party in enumerate(parties):
            if not party.get("gives"):
                c.add(f"parties.{index}.gives", "required")
    elif kind == "gift" and parties and not parties[0].get("gives"):
        c.add("parties.0.gives", "required")
    broker = c.text(data, "broker", MAX_BROKER, required=False)
    c.done()
    return {
        "parties": parties,
        "category": category,
        "kind": kind,
        "deadline": deadline.isoformat() if deadline else "",
        "broker": broker,
    }


def validate_void(data: Mapping) -> dict[str, str]:
    c = _Collector()
    reason = c.text(data, "reason", MAX_REASON, required=False)
    c.done()
    return {"reason": reason}


def _validate_resources(c: _Collector, data: Mapping, field: str) -> list[dict[str, str]]:
    raw = data.get(field, [])
    if not isinstance(raw, list):
        c.add(field, "not_a_list")
        return []
    resources = []
    for index, item in enumerate(raw[:20]):
        if not isinstance(item, Mapping):
            c.add(f"{field}.{index}", "not_an_object")
            continue
        category = c.choice(
            item, f"{field}.{index}.category", CATEGORIES, code="unknown_category", key="category"
        )
        text = c.text(item, f"{field}.{index}.text", MAX_NEED_TEXT, key="text")
        resources.append({"category": category, "text": text})
    return resources


def validate_participant(data: Mapping) -> dict[str, object]:
    """A participant signed up by the organiser: public profile plus contact details."""
    if not isinstance(data, Mapping):
        raise ValidationFailed([FieldError("participant", "not_an_object")])
    c = _Collector()
    name = c.text(data, "name", MAX_NAME)
    sector = c.choice(data, "sector", SECTORS, code="unknown_sector")
    contact_person = c.text(data, "contact_person", MAX_PERSON, required=False)
    email = c.text(data, "email", 254, required=False)
    if email and not _EMAIL.match(email):
        c.add("email", "invalid_email")
    phone = c.text(data, "phone", 30, required=False)
    if phone and not _PHONE.match(phone):
        c.add("phone", "invalid_phone")
    needs = _validate_resources(c, data, "needs")
    offers = _validate_resources(c, data, "offers")
    consent_public = data.get("consent_public", True)
    if not isinstance(consent_public, bool):
        c.add("consent_public", "not_a_boolean")
    c.done()
    return {
        "name": name,
        "sector": sector,
        "contact": {"contact_person": contact_person, "email": email, "phone": phone},
        "needs": needs,
        "offers": offers,
        "consent_public": bool(consent_public),
    }


def validate_event_settings(data: Mapping) -> dict[str, object]:
    """The evening itself: name, venue, date, opening and closing time, target."""
    if not isinstance(data, Mapping):
        raise ValidationFailed([FieldError("event", "not_an_object")])
    c = _Collector()
    name = c.text(data, "name", MAX_NAME)
    venue = c.text(data, "venue", MAX_NAME, required=False)
    date = parse_date(data.get("date"))
    if data.get("date") in (None, ""):
        c.add("date", "required")
    elif date is None:
        c.add("date", "invalid_date")
    times = {}
    for field in ("opens_at", "closes_at"):
        raw = data.get(field)
        if raw in (None, ""):
            c.add(field, "required")
        elif not isinstance(raw, str) or not _HHMM.match(raw.strip()):
            c.add(field, "invalid_time")
        else:
            times[field] = raw.strip()
    if len(times) == 2 and times["closes_at"] <= times["opens_at"]:
        c.add("closes_at", "closes_before_opens")
    target_raw = data.get("target", 0)
    try:
        target = int(target_raw if target_raw not in (None, "") else 0)
    except (TypeError, ValueError):
        target = 0
        c.add("target", "not_a_number")
    if isinstance(target_raw, bool) or not 0 <= target <= 100_000:
        c.add("target", "out_of_range")
    c.done()
    return {
        "name": name,
        "venue": venue,
        "date": date.isoformat() if date else "",
        "opens_at": times.get("opens_at", ""),
        "closes_at": times.get("closes_at", ""),
        "target": target,
    }
