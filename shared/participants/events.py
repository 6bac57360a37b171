"""The participants' facts, as they travel in every device's journal."""

from __future__ import annotations

from shared.core.device import ROLE_HUB, ROLE_KIOSK
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY
from shared.participants import rules
from shared.participants.rules import check_duplicates_ruling


def _check(ev) -> None:
    rules.check_registration(ev.participant_id, ev.contact_sealed, ev.walk_in)
    rules.validate_profile(
        {
            "name": ev.name,
            "sector": ev.sector,
            "needs": ev.needs,
            "offers": ev.offers,
            "consent_public": ev.consent_public,
        }
    )


def _check_from_kiosk(ev) -> None:
    if ev.walk_in is not True:
        raise ValueError("a tablet registers walk-ins only")
    if ev.contact_sealed != "":
        raise ValueError("a tablet holds no contact details")


@REGISTRY.event(
    "ParticipantRegistered",
    writers=frozenset({ROLE_HUB, ROLE_KIOSK}),  # a tablet: walk-ins added at a deal
    check=_check,
    check_from_kiosk=_check_from_kiosk,
)
class ParticipantRegistered(JournalEvent):
    """A participant's public profile; contact details only as a blob sealed for the hub."""

    participant_id: str
    name: str
    sector: str
    needs: list
    offers: list
    consent_public: bool
    contact_sealed: str
    walk_in: bool


# --- the register (issue 12): written by the hub alone -------------------------------------------
#
# Contact details and the organiser's notes travel only sealed with the participant's own key
# (the hub's ContactVault), so erasing that key erases them on every tablet (promise 8). Needs,
# offers, the organisation number and the logo's file name are public profile data; the logo's
# bytes stay in the hub's data folder.

HUB_ONLY = frozenset({ROLE_HUB})


def profile_of(ev) -> dict:
    return {field: getattr(ev, field) for field in rules.PROFILE_FIELDS}


def _check_sealed(ev, *fields: str) -> None:
    for field in fields:
        value = getattr(ev, field)
        if not isinstance(value, str) or len(value) > rules.MAX_SEALED:
            raise ValueError(f"{field}: invalid sealed blob")


def _check_profile_fact(ev) -> None:
    rules.check_registration(ev.participant_id, ev.contact_sealed, False)
    rules.validate_stored_profile(profile_of(ev))


def _check_signed_up(ev) -> None:
    _check_profile_fact(ev)
    rules.check_digest("consent_text", ev.consent_text)
    rules.check_one_of("source", ev.source, rules.SOURCES)


def _check_invited(ev) -> None:
    _check_profile_fact(ev)
    if ev.show_public is not False:
        raise ValueError("an invitee has not consented to be shown")
    rules.check_one_of("source", ev.source, rules.SOURCES)


def _check_changed(ev) -> None:
    _check_profile_fact(ev)
    rules.check_one_of("by", ev.by, rules.BY)


def _check_withdrawn(ev) -> None:
    rules.check_registration(ev.participant_id, "", False)
    rules.check_one_of("by", ev.by, rules.BY)
    rules.check_reason(ev.reason)


def _check_note(ev) -> None:
    rules.check_registration(ev.participant_id, "", False)
    _check_sealed(ev, "note_sealed")


@REGISTRY.event("ParticipantSignedUp", writers=HUB_ONLY, check=_check_signed_up)
class ParticipantSignedUp(JournalEvent):
    """A participant signed up, with consent: by the public form, an invitation's link, or a
    row of an imported sheet whose consent column said yes. ``consent_text`` names the exact
    words they agreed to (the SHA-256 of a :class:`ConsentTextRecorded`); ``show_public`` is
    their choice to be named on the stage screen and in the public catalogue."""

    participant_id: str
    name: str
    orgnr: str
    sector: str
    needs: list
    offers: list
    logo: str
    show_public: bool
    contact_sealed: str
    consent_text: str
    source: str


@REGISTRY.event("ParticipantInvited", writers=HUB_ONLY, check=_check_invited)
class ParticipantInvited(JournalEvent):
    """Someone the organiser means to invite (the actor sheet): in the register, never in the
    catalogue, until they sign up with the invitation's link."""

    participant_id: str
    name: str
    orgnr: str
    sector: str
    needs: list
    offers: list
    logo: str
    show_public: bool
    contact_sealed: str
    source: str


@REGISTRY.event("ParticipantChanged", writers=HUB_ONLY, check=_check_changed)
class ParticipantChanged(JournalEvent):
    """A new version of a participant's profile, by themselves (their link) or the organiser."""

    participant_id: str
    name: str
    orgnr: str
    sector: str
    needs: list
    offers: list
    logo: str
    show_public: bool
    contact_sealed: str
    by: str


@REGISTRY.event("ParticipantWithdrawn", writers=HUB_ONLY, check=_check_withdrawn)
class ParticipantWithdrawn(JournalEvent):
    """A participant withdrew (or the organiser withdrew them): off the catalogue and the
    screen, kept in the register with their history and deals."""

    participant_id: str
    by: str
    reason: str


@REGISTRY.event("ParticipantNoteAdded", writers=HUB_ONLY, check=_check_note)
class ParticipantNoteAdded(JournalEvent):
    """The organiser's note on a participant, sealed with the participant's key."""

    participant_id: str
    note_sealed: str


@REGISTRY.event(
    "ParticipantDuplicatesResolved",
    writers=HUB_ONLY,
    check=lambda ev: check_duplicates_ruling(ev.participant_ids, ev.keep),
)
class ParticipantDuplicatesResolved(JournalEvent):
    """Participants found alike in the register: merged into ``keep`` (each keeps its own
    history; deals naming one count under the one kept), or ``""``: not the same."""

    participant_ids: list
    keep: str


@REGISTRY.event(
    "ConsentTextRecorded",
    writers=HUB_ONLY,
    check=lambda ev: rules.check_consent_text(ev.digest, ev.lang, ev.text),
)
class ConsentTextRecorded(JournalEvent):
    """The exact words of a consent, recorded once, named by their SHA-256 (``digest``)."""

    digest: str
    lang: str
    text: str


@REGISTRY.event(
    "SignUpConfigured",
    writers=HUB_ONLY,
    check=lambda ev: rules.validate_signup_settings({f: getattr(ev, f) for f in SIGNUP_FIELDS}),
)
class SignUpConfigured(JournalEvent):
    """The organiser's sign-up settings: open, by invitation or closed; deadline, cap,
    retention date, who keeps the data and why (the consent text says it in words)."""

    mode: str
    deadline: str
    cap: int
    retention: str
    organiser: str
    contact: str
    purpose: str


SIGNUP_FIELDS = ("mode", "deadline", "cap", "retention", "organiser", "contact", "purpose")
