"""What a participant may look like: one set of limits, the same on every form and wire."""

from __future__ import annotations

import re
from collections.abc import Mapping

from shared.core.checks import Checks, is_uuid, require_mapping
from shared.core.vocabulary import CATEGORIES, SECTORS

MAX_NAME = 120
MAX_PERSON = 80
MAX_EMAIL = 254
MAX_PHONE = 30
MAX_RESOURCE_TEXT = 300
MAX_RESOURCES = 20
MAX_SEALED = 4096  # a sealed contact blob (base64 of a SecretBox of three short fields)

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{5,20}$")


def _resources(c: Checks, data: Mapping, field: str) -> list[dict[str, str]]:
    raw = data.get(field, [])
    if not isinstance(raw, list):
        c.add(field, "not_a_list")
        return []
    resources = []
    for index, item in enumerate(raw[:MAX_RESOURCES]):
        if not isinstance(item, Mapping):
            c.add(f"{field}.{index}", "not_an_object")
            continue
        category = c.choice(
            item, f"{field}.{index}.category", CATEGORIES, code="unknown_category", key="category"
        )
        text = c.text(item, f"{field}.{index}.text", MAX_RESOURCE_TEXT, key="text")
        resources.append({"category": category, "text": text})
    return resources


def _profile(c: Checks, data: Mapping) -> dict[str, object]:
    return {
        "name": c.text(data, "name", MAX_NAME),
        "sector": c.choice(data, "sector", SECTORS, code="unknown_sector"),
        "needs": _resources(c, data, "needs"),
        "offers": _resources(c, data, "offers"),
        # Opt-in: a missing answer is a no, never a yes nobody gave (GDPR).
        "consent_public": c.flag(data, "consent_public"),
    }


def validate_profile(data: object) -> dict[str, object]:
    """The public part of a participant: name, sector, needs, offers, consent to be shown."""
    require_mapping(data, "participant")
    c = Checks()
    profile = _profile(c, data)
    c.done()
    return profile


def validate_participant(data: object) -> dict[str, object]:
    """A participant signed up by the organiser: public profile plus contact details."""
    require_mapping(data, "participant")
    c = Checks()
    profile = _profile(c, data)
    email = c.text(data, "email", MAX_EMAIL, required=False)
    if email and not _EMAIL.match(email):
        c.add("email", "invalid_email")
    phone = c.text(data, "phone", MAX_PHONE, required=False)
    if phone and not _PHONE.match(phone):
        c.add("phone", "invalid_phone")
    contact_person = c.text(data, "contact_person", MAX_PERSON, required=False)
    c.done()
    return {
        **profile,
        "contact": {"contact_person": contact_person, "email": email, "phone": phone},
    }


def check_registration(participant_id: object, contact_sealed: object, walk_in: object) -> None:
    """What a registration carries besides the profile."""
    c = Checks()
    if not is_uuid(participant_id):
        c.add("participant_id", "invalid_id")
    if not isinstance(contact_sealed, str) or len(contact_sealed) > MAX_SEALED:
        c.add("contact_sealed", "invalid_sealed_contact")
    if not isinstance(walk_in, bool):
        c.add("walk_in", "not_a_boolean")
    c.done()
