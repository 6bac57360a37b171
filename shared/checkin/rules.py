"""What a check-in may carry: a participant, or a walk-in typed at the door with consent.

The walk-in's organisation and sector are public (they travel like any walk-in at a deal); the
contact person, email and phone never travel in clear: the tablet seals them for the hub alone
(:data:`MAX_SEALED_FOR_HUB`) before anything is stored.
"""

from __future__ import annotations

from collections.abc import Mapping

from shared.core.checks import Checks, FieldError, ValidationFailed, is_uuid
from shared.participants.rules import MAX_SEALED, validate_participant

MAX_SEALED_FOR_HUB = MAX_SEALED
MAX_UNDO_REFS = 50  # one person checked in on every tablet of a big venue, and then some


def validate_walk_in(data: object) -> dict:
    """A walk-in at the door: ``{"name", "sector", "contact_person", "email", "phone",
    "consent"}``. Contact details need the consent; without it only name and sector are kept."""
    if not isinstance(data, Mapping):
        raise ValidationFailed([FieldError("walk_in", "not_an_object")])
    fields = ("name", "sector", "contact_person", "email", "phone")
    errors: list[FieldError] = []
    try:  # the participants' own limits and formats, so a walk-in is held to the same
        clean = validate_participant({f: data.get(f) for f in fields if f in data})
    except ValidationFailed as failed:
        errors, clean = list(failed.errors), None
    consent = data.get("consent", False)
    if not isinstance(consent, bool):
        errors.append(FieldError("consent", "not_a_boolean"))
    elif clean and any(clean["contact"].values()) and not consent:
        errors.append(FieldError("consent", "consent_required"))
    if errors or clean is None:
        raise ValidationFailed(errors)
    return {
        "name": clean["name"],
        "sector": clean["sector"],
        "contact": clean["contact"],
        "consent": consent,
    }


def check_check_in(participant_id: object, contact_for_hub: object, walk_in: object) -> None:
    c = Checks()
    if not is_uuid(participant_id):
        c.add("participant_id", "invalid_id")
    if not isinstance(contact_for_hub, str) or len(contact_for_hub) > MAX_SEALED_FOR_HUB:
        c.add("contact_for_hub", "invalid_sealed_contact")
    if not isinstance(walk_in, bool):
        c.add("walk_in", "not_a_boolean")
    c.done()


def check_undo(participant_id: object, refs: object) -> None:
    c = Checks()
    if not is_uuid(participant_id):
        c.add("participant_id", "invalid_id")
    if (
        not isinstance(refs, list)
        or not 0 < len(refs) <= MAX_UNDO_REFS
        or not all(isinstance(r, str) and 0 < len(r) <= 80 for r in refs)
    ):
        c.add("refs", "invalid_ref")
    c.done()


MAX_PRINTED = 5000


def check_printed(participant_ids: object) -> None:
    if (
        not isinstance(participant_ids, list)
        or not 0 < len(participant_ids) <= MAX_PRINTED
        or not all(is_uuid(pid) for pid in participant_ids)
    ):
        raise ValidationFailed([FieldError("participant_ids", "invalid_id")])
