"""The organiser's register and the participant's own changes: use cases over a Hub.

Each use case checks what people typed with the room's rules, seals contact details and notes
with the participant's own key (:class:`hub.participants.contacts.ContactVault`), then records
one fact through :meth:`hub.service.Hub.record`. Where a command's invariant depends on the
register as it stands (the cap, whom an invitation names, what was consented to), the command
reads it while nothing else can be stored, so fifty sign-ups at once never pass a cap of 49.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from functools import cache
from pathlib import Path

from hub.participants.links import INVITE, OWN, Links
from hub.participants.logos import LogoStore
from hub.participants.signups import Ticket, queue_of
from hub.service import Hub
from shared.core.checks import FieldError, ValidationFailed
from shared.participants import rules

EMPTY_CONTACT = {"contact_person": "", "email": "", "phone": ""}
LINK_DAYS_WITHOUT_RETENTION = 365


_LINKS_MADE = threading.Lock()


@cache
def _links_for(data_dir: Path) -> Links:
    return Links(data_dir)


def links_for(data_dir: Path) -> Links:
    """One :class:`Links` per folder. Made under a lock: fifty first sign-ups at once each
    made a key of their own, and a link signed with a key that lost the race never worked."""
    with _LINKS_MADE:
        return _links_for(data_dir)


def links(hub: Hub) -> Links:
    return links_for(hub.data_dir)


def logos(hub: Hub) -> LogoStore:
    return LogoStore(hub.data_dir)


def _unknown() -> ValidationFailed:
    return ValidationFailed([FieldError("participant_id", "unknown_participant")])


def contact_of(hub: Hub, participant_id: str) -> dict:
    return hub.contact_of(participant_id)


def last_day(hub: Hub, today: dt.date | None = None) -> dt.date:
    """A personal link works until the retention date the participant was told."""
    settings = hub.evening.participants.signup_settings or {}
    try:
        return dt.date.fromisoformat(settings.get("retention") or "")
    except ValueError:
        return (today or dt.date.today()) + dt.timedelta(days=LINK_DAYS_WITHOUT_RETENTION)


def own_link_token(hub: Hub, participant_id: str) -> str:
    return links(hub).make(participant_id, last_day(hub), OWN)


def invitation_token(hub: Hub, participant_id: str) -> str:
    return links(hub).make(participant_id, last_day(hub), INVITE)


# --- sign-up ------------------------------------------------------------------------------------


def sign_up(
    hub: Hub,
    data: dict,
    consent: tuple[str, str],
    lang: str,
    *,
    invited: str | None = None,
    source: str = "form",
    today: dt.date | None = None,
) -> str:
    """A sign-up with consent given to ``consent`` (its exact text and digest), through the
    public form (``source="form"``) or an invitation (``invited``: the invitee's id).

    Stored with the sign-ups that arrive at the same time, in one commit
    (:mod:`hub.participants.signups`), each checked on its own."""
    clean = rules.validate_signup(data)
    ticket = Ticket(
        participant_id=invited or str(uuid.uuid4()),
        data=data,
        contact=clean["contact"],
        consent=consent,
        lang=lang,
        invited=invited is not None,
        source=source,
        day=today or dt.date.today(),
    )
    return queue_of(hub).submit(ticket)


def configure_signup(hub: Hub, settings: dict) -> None:
    hub.record("configure_signup", settings)


# --- the organiser's register -------------------------------------------------------------------


def invite(hub: Hub, data: dict, source: str = "organiser") -> str:
    clean = rules.validate_invitee(data)
    participant_id = str(uuid.uuid4())
    sealed = (
        hub.contacts.seal(participant_id, clean["contact"])
        if any(clean["contact"].values())
        else ""
    )
    hub.record("invite_participant", participant_id, data, sealed, source)
    return participant_id


def _current(hub: Hub, participant_id: str):
    with hub.evening.lock.reading():
        current = hub.evening.participants.get(participant_id)
    if current is None:
        raise _unknown()
    return current


def change(hub: Hub, participant_id: str, data: dict, by: str) -> None:
    """A new version of a participant's profile. From the participant's own page, an email or
    phone left empty keeps the one on record (the page never shows them in full)."""
    clean = rules.validate_change(data)
    current = _current(hub, participant_id)
    before = hub.contact_of(participant_id)
    contact = dict(clean["contact"])
    if by == "participant":
        contact = {k: contact[k] or before.get(k, "") for k in contact}
    if contact == {**EMPTY_CONTACT, **before} and current.contact_sealed:
        sealed = current.contact_sealed
    else:
        sealed = hub.contacts.seal(participant_id, contact) if any(contact.values()) else ""

    def command(journal) -> None:
        journal.change_participant(participant_id, clean, sealed, by, _current(hub, participant_id))

    hub.record(command)


def withdraw(hub: Hub, participant_id: str, by: str, reason: str = "") -> None:
    def command(journal) -> None:
        journal.withdraw_participant(participant_id, by, reason, _current(hub, participant_id))

    hub.record(command)


def add_note(hub: Hub, participant_id: str, text: str) -> None:
    note = rules.check_note(text)
    _current(hub, participant_id)
    sealed = hub.contacts.seal(participant_id, {"note": note})

    def command(journal) -> None:
        journal.note_participant(participant_id, sealed, _current(hub, participant_id))

    hub.record(command)


def notes_of(hub: Hub, participant_id: str) -> list[tuple[dt.datetime, str]]:
    """The organiser's notes in clear (gone once the participant's key is erased)."""
    found = []
    for ev in hub.evening.participants.notes_of(participant_id):
        opened = hub.contacts.open(participant_id, ev.note_sealed) or {}
        if opened.get("note"):
            found.append((ev.timestamp, opened["note"]))
    return found


def resolve_duplicates(hub: Hub, participant_ids: list[str], keep: str) -> None:
    """Merge alike participants into ``keep``, or ``""``: they are not the same."""
    ids = sorted(set(participant_ids))

    def command(journal) -> None:
        with hub.evening.lock.reading():
            known = set(hub.evening.participants)
        journal.resolve_participant_duplicates(ids, keep, known.__contains__)

    hub.record(command)
