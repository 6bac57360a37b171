"""What a follow-up change may look like: the statuses, the parties' answers, the limits.

The statuses are the ones real follow-ups found (a Dutch town phoned all 292 deals of its
evening: 46 % done, 39 % in progress, 13 % not feasible, 2 % never reached); ``open`` is where
every deal starts.
"""

from __future__ import annotations

from collections.abc import Mapping

from shared.core.checks import Checks, FieldError, ValidationFailed, parse_date, require_mapping
from shared.core.vocabulary import CATEGORIES

OPEN, IN_PROGRESS, DONE, NOT_FEASIBLE, NOT_REACHED = (
    "open",
    "in_progress",
    "done",
    "not_feasible",
    "not_reached",
)
STATUSES = (OPEN, IN_PROGRESS, DONE, NOT_FEASIBLE, NOT_REACHED)
# A deal in one of these needs no more follow-up: it is never due nor overdue.
SETTLED = frozenset({DONE, NOT_FEASIBLE, NOT_REACHED})
# What a party may answer through their personal link.
ANSWERS = (DONE, IN_PROGRESS, NOT_FEASIBLE)

CHANGE_FIELDS = ("status", "reason", "last_contact", "next_contact", "notes")
DATE_FIELDS = ("last_contact", "next_contact")
VIAS = ("board", "workbook", "held")
MAX_REASON = 300
MAX_NOTES = 2000  # what the organiser types
MAX_SEALED_NOTES = 4 * MAX_NOTES  # what the journal holds (sealed, base64)
MAX_STORY = 600
MAX_PARTIES = 8


def validate_change(data: object, *, current_reason: str = "", sealed: bool = False) -> dict:
    """The fields a change sets (only those given), normalised, or :class:`ValidationFailed`.

    A date given as "" clears it (the next contact then falls back to the deadline). Becoming
    *not feasible* needs a reason, given now or already on record.
    """
    require_mapping(data, "changes")
    c = Checks()
    unknown = [k for k in data if k not in CHANGE_FIELDS]
    for key in unknown:
        c.add(str(key)[:40], "unknown_field")
    clean: dict[str, str] = {}
    if "status" in data:
        clean["status"] = c.choice(data, "status", STATUSES, code="unknown_status")
    if "reason" in data:
        clean["reason"] = c.text(data, "reason", MAX_REASON, required=False)
    for field in DATE_FIELDS:
        if field in data:
            clean[field] = _date_or_empty(c, data, field)
    if "notes" in data:
        clean["notes"] = _notes(c, data, sealed)
    if not clean and not unknown:
        c.add("changes", "nothing_changed")
    if clean.get("status") == NOT_FEASIBLE and not clean.get("reason", current_reason):
        c.add("reason", "reason_required")
    c.done()
    return clean


def _date_or_empty(c: Checks, data: Mapping, field: str) -> str:
    raw = data.get(field)
    if raw in (None, ""):
        return ""
    value = parse_date(raw)
    if value is None:
        c.add(field, "invalid_date")
        return ""
    return value.isoformat()


def _notes(c: Checks, data: Mapping, sealed: bool) -> str:
    raw = data.get("notes")
    if not isinstance(raw, str):
        c.add("notes", "not_text")
        return ""
    if len(raw) > (MAX_SEALED_NOTES if sealed else MAX_NOTES):
        c.add("notes", "too_long")
        return ""
    return raw if sealed else raw.strip()


def validate_answer(data: object) -> dict:
    """A party's answer: done, in progress, or not feasible with why."""
    require_mapping(data, "answer")
    c = Checks()
    answer = c.choice(data, "answer", ANSWERS, code="unknown_answer")
    reason = c.text(data, "reason", MAX_REASON, required=False)
    if answer == NOT_FEASIBLE and not reason:
        c.add("reason", "reason_required")
    c.done()
    return {"answer": answer, "reason": reason}


def validate_story(data: object, party_ids: list[str]) -> dict:
    """A success story: a short text, and the parties who agreed to be named."""
    require_mapping(data, "story")
    c = Checks()
    text = c.text(data, "text", MAX_STORY, required=False)
    consents = data.get("consents", [])
    if not isinstance(consents, list) or any(p not in party_ids for p in consents):
        c.add("consents", "not_a_party")
        consents = []
    c.done()
    return {"text": text, "consents": sorted(set(consents))}


def check_date(field: str, value: object) -> None:
    if parse_date(value) is None:
        raise ValidationFailed([FieldError(field, "invalid_date")])


MAX_KRONER = 10_000_000  # a deal's social value: a gift of premises for a year, at the most


def validate_value(data: object) -> int:
    require_mapping(data, "value")
    c = Checks()
    kroner = c.whole_number(data, "kroner", 0, MAX_KRONER, default=0)
    c.done()
    return kroner


def validate_category_value(data: object) -> dict:
    require_mapping(data, "value")
    c = Checks()
    category = c.choice(data, "category", CATEGORIES, code="unknown_category")
    kroner = c.whole_number(data, "kroner", 0, MAX_KRONER, default=0)
    c.done()
    return {"category": category, "kroner": kroner}
