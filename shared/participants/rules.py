"""What a participant may look like: one set of limits, the same on every form and wire."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from shared.core.checks import (
    Checks,
    FieldError,
    ValidationFailed,
    is_uuid,
    parse_date,
    require_mapping,
)
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


# --- the register: sign-ups, invitees, changes (issue 12) ----------------------------------------

MAX_ORGNR = 20  # as typed: "974 760 673" or "NO 974 760 673 MVA"
MAX_NOTE = 2000
MAX_REASON = 300
MAX_CONSENT_TEXT = 4000
MAX_PURPOSE = 600
MAX_ORGANISER = 120
MAX_CAP = 10_000
LOGO_MAX_BYTES = 2 * 1024 * 1024  # an upload; what is kept is resized far below this
LOGO_MIN_SIDE = 16
LOGO_MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
_LOGO_NAME = re.compile(r"^[0-9a-f]{32}\.png$")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")

STATUS_SIGNED_UP = "signed_up"
STATUS_INVITED = "invited"
STATUS_WITHDRAWN = "withdrawn"
STATUSES = (STATUS_SIGNED_UP, STATUS_INVITED, STATUS_WITHDRAWN)
BY = ("participant", "organiser")
SOURCES = ("form", "invitation", "import", "organiser")
SIGNUP_MODES = ("open", "invitation", "closed")
PROFILE_FIELDS = ("name", "orgnr", "sector", "needs", "offers", "logo", "show_public")


def normalise_orgnr(raw: str) -> str | None:
    """A Norwegian organisation number as nine digits, or None when it is not one.

    Checked with python-stdnum (length and the mod-11 check digit); "NO 974 760 673 MVA", as
    the VAT register writes it, is read too.
    """
    from stdnum.exceptions import ValidationError
    from stdnum.no import orgnr

    compact = re.sub(r"^NO|MVA$", "", raw.upper().replace(" ", "").replace(".", ""))
    try:
        return orgnr.validate(compact)
    except ValidationError:
        return None


def _orgnr(c: Checks, data: Mapping) -> str:
    raw = c.text(data, "orgnr", MAX_ORGNR, required=False)
    if not raw:
        return ""
    value = normalise_orgnr(raw)
    if value is None:
        c.add("orgnr", "invalid_orgnr")
        return raw
    return value


def _logo(c: Checks, data: Mapping) -> str:
    raw = data.get("logo", "")
    if raw in (None, ""):
        return ""
    if not isinstance(raw, str) or not _LOGO_NAME.match(raw):
        c.add("logo", "invalid_logo")
        return ""
    return raw


def _contact(c: Checks, data: Mapping, *, email_required: bool) -> dict[str, str]:
    email = c.text(data, "email", MAX_EMAIL, required=email_required)
    if email and not _EMAIL.match(email):
        c.add("email", "invalid_email")
    phone = c.text(data, "phone", MAX_PHONE, required=False)
    if phone and not _PHONE.match(phone):
        c.add("phone", "invalid_phone")
    person = c.text(data, "contact_person", MAX_PERSON, required=email_required)
    return {"contact_person": person, "email": email, "phone": phone}


def _register_profile(c: Checks, data: Mapping) -> dict[str, object]:
    """What the log holds of a participant in the register: public data only."""
    return {
        "name": c.text(data, "name", MAX_NAME),
        "orgnr": _orgnr(c, data),
        "sector": c.choice(data, "sector", SECTORS, code="unknown_sector"),
        "needs": _resources(c, data, "needs"),
        "offers": _resources(c, data, "offers"),
        "logo": _logo(c, data),
        "show_public": c.flag(data, "show_public"),
    }


def _at_least_one_of_each(c: Checks, profile: Mapping) -> None:
    for field in ("needs", "offers"):
        if not profile[field] and not any(e.field.startswith(field) for e in c.errors):
            c.add(field, "at_least_one")


def validate_stored_profile(data: object) -> dict[str, object]:
    """A register event's profile, as it arrives from another device (wire check)."""
    require_mapping(data, "participant")
    c = Checks()
    profile = _register_profile(c, data)
    c.done()
    return profile


def validate_signup(data: object) -> dict[str, object]:
    """A sign-up (the public form, an invitation, an import row with consent).

    At least one need and one offer, an email to send the participant's link to, and consent
    given in so many words: a missing answer is a no, and a no is refused (``consent``).
    """
    require_mapping(data, "signup")
    c = Checks()
    profile = _register_profile(c, data)
    contact = _contact(c, data, email_required=True)
    _at_least_one_of_each(c, profile)
    if data.get("consent") is not True:
        c.add("consent", "consent_required")
    c.done()
    return {**profile, "contact": contact}


def validate_change(data: object) -> dict[str, object]:
    """A participant's change of their own sign-up, or the organiser's edit: the same fields,
    without the consent (given once, at sign-up)."""
    require_mapping(data, "participant")
    c = Checks()
    profile = _register_profile(c, data)
    contact = _contact(c, data, email_required=False)
    c.done()
    return {**profile, "contact": contact}


def validate_invitee(data: object) -> dict[str, object]:
    """Someone on the organiser's sheet to invite: no consent, so never shown in public."""
    require_mapping(data, "participant")
    c = Checks()
    profile = _register_profile(c, {**data, "show_public": False})
    contact = _contact(c, data, email_required=False)
    c.done()
    return {**profile, "contact": contact}


def check_note(text: object) -> str:
    c = Checks()
    value = c.text({"note": text}, "note", MAX_NOTE)
    c.done()
    return value


def check_reason(text: object) -> str:
    c = Checks()
    value = c.text({"reason": text}, "reason", MAX_REASON, required=False)
    c.done()
    return value


def check_logo(size: int, width: int, height: int, readable: bool) -> None:
    """What an uploaded logo may be; the hub measures it (Pillow), the limits are here."""
    c = Checks()
    if size > LOGO_MAX_BYTES:
        c.add("logo", "logo_too_large")
    elif not readable:
        c.add("logo", "logo_not_an_image")
    elif width * height > LOGO_MAX_PIXELS:
        c.add("logo", "logo_too_large")
    elif min(width, height) < LOGO_MIN_SIDE:
        c.add("logo", "logo_too_small")
    c.done()


def check_digest(field: str, value: object) -> None:
    if not (isinstance(value, str) and (value == "" or _DIGEST.match(value))):
        raise ValidationFailed([FieldError(field, "invalid_digest")])


def check_consent_text(digest: object, lang: object, text: object) -> None:
    c = Checks()
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_CONSENT_TEXT:
        c.add("text", "invalid_consent_text")
    elif hashlib.sha256(text.encode()).hexdigest() != digest:
        c.add("digest", "invalid_digest")
    if not isinstance(lang, str) or len(lang) > 8:
        c.add("lang", "invalid_lang")
    c.done()


def consent_digest(text: str) -> str:
    """The name a consent text is kept under: the SHA-256 of its exact words."""
    return hashlib.sha256(text.encode()).hexdigest()


def check_one_of(field: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValidationFailed([FieldError(field, "unknown_value")])


def validate_signup_settings(data: object) -> dict[str, object]:
    """The organiser's sign-up settings: open to all, by invitation or closed; a deadline and
    a cap (0: none); the retention date and purpose the consent text states in words."""
    require_mapping(data, "signup_settings")
    c = Checks()
    mode = c.choice(data, "mode", SIGNUP_MODES, code="unknown_value")
    deadline = data.get("deadline") or ""
    if deadline and parse_date(deadline) is None:
        c.add("deadline", "invalid_date")
    retention = c.date(data, "retention")
    if (
        retention is not None
        and deadline
        and parse_date(deadline)
        and retention < parse_date(deadline)
    ):
        c.add("retention", "retention_before_deadline")
    cap = c.whole_number(data, "cap", 0, MAX_CAP, default=0)
    settings = {
        "mode": mode,
        "deadline": str(parse_date(deadline) or "") if deadline else "",
        "cap": cap or 0,
        "retention": retention.isoformat() if retention else "",
        "organiser": c.text(data, "organiser", MAX_ORGANISER),
        "contact": c.text(data, "contact", MAX_EMAIL, required=False),
        "purpose": c.text(data, "purpose", MAX_PURPOSE, required=False),
    }
    if settings["contact"] and not _EMAIL.match(settings["contact"]):
        c.add("contact", "invalid_email")
    c.done()
    return settings


def check_duplicates_ruling(participant_ids: object, keep: object) -> None:
    """Two or more participants; ``keep`` one of them, or "" when they are not the same."""
    c = Checks()
    if (
        not isinstance(participant_ids, list)
        or len(participant_ids) < 2
        or len(set(map(str, participant_ids))) != len(participant_ids)
        or not all(is_uuid(p) for p in participant_ids)
    ):
        c.add("participant_ids", "invalid_ids")
    elif not (keep == "" or keep in participant_ids):
        c.add("keep", "not_among_the_participants")
    c.done()


def consent_text_changed() -> ValidationFailed:
    """The words of the consent changed between showing the form and its post: read again."""
    return ValidationFailed([FieldError("consent", "consent_text_changed")])
