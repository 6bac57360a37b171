"""Erasure by crypto-shredding, and the retention purge: use cases over a Hub.

Erasing a participant records ``ParticipantErased`` (every node's projections then show
"slettet deltaker"), deletes their key from the contact vault (their contact details, notes and
mail, sealed with it, become unreadable in every copy and backup of the log), rewrites what the
hub's own log holds about them (:mod:`shared.privacy.storage`) and deletes their logo. Tablets
rewrite their copies when the erasure reaches them (:mod:`kiosk.privacy`). Each step is
idempotent, and :func:`settle` redoes them all for every erasure on record, so a hub stopped
halfway finishes the job at its next start.
"""

from __future__ import annotations

import datetime as dt
import logging

from hub.imports.pending import PendingSheets
from hub.participants.logos import LogoStore
from hub.service import Hub
from shared.core.checks import FieldError, ValidationFailed, parse_date
from shared.privacy.redaction import CONTACT_FIELDS, PERSONAL_FIELDS
from shared.privacy.storage import shred_events

log = logging.getLogger(__name__)

LOG_FILE = "hub.sqlite"
PERSONAL = tuple(PERSONAL_FIELDS)


def _unknown() -> ValidationFailed:
    return ValidationFailed([FieldError("participant_id", "unknown_participant")])


def erase(hub: Hub, participant_id: str, why: str = "request") -> list[str]:
    """Erase a participant and every walk-in merged into them; returns the ids erased."""

    def command(journal) -> tuple[list[str], set[str]]:
        with hub.evening.lock.reading():
            participants = hub.evening.participants
            if participant_id not in participants:
                raise _unknown()
            members = _members(hub, participant_id)
            erased = hub.evening.privacy.is_erased
            todo = [pid for pid in members if not erased(pid)] or [participant_id]
            views = {pid: participants.get(pid) for pid in todo}
            logos = {
                ev.logo
                for pid in todo
                for ev in participants.facts_of(pid)
                if getattr(ev, "logo", "")
            }
        for pid in todo:
            journal.erase_participant(pid, why, views[pid], erased(pid))
        return todo, logos

    with hub.evening.lock.reading():  # read before their key goes
        contacts = [hub.contact_of(pid) for pid in _members(hub, participant_id)]
    erased, logos = hub.record(command)
    _shred(hub, erased, PERSONAL)
    _forget_logos(hub, logos)
    _forget_sheets(hub, [v for c in contacts for v in (c["email"], c["phone"]) if v])
    log.info("erased %d participant(s)", len(erased))
    return erased


def _shred(hub: Hub, participant_ids: list[str], fields: tuple[str, ...]) -> int:
    hub.contacts.erase(*participant_ids, for_good=fields == PERSONAL)
    with hub.store.write_lock:
        return shred_events(hub.data_dir / LOG_FILE, participant_ids, fields)


def _members(hub: Hub, participant_id: str) -> list[str]:
    """The participant and every walk-in merged into them."""
    participants = hub.evening.participants
    merged = (p for p in participants if p != participant_id)
    return [
        participant_id,
        *sorted(p for p in merged if participants.canonical(p) == participant_id),
    ]


def _forget_sheets(hub: Hub, needles: list[str] | None) -> None:
    """Delete imported sheets still waiting for the organiser's confirmation that hold one of
    ``needles`` (an email, a phone), or all of them (``None``: the retention purge)."""
    folder = PendingSheets(hub.data_dir).folder
    if not folder.is_dir():
        return
    for path in [p for p in folder.iterdir() if p.is_file()]:
        if needles is None or any(n.encode() in path.read_bytes() for n in needles):
            PendingSheets(hub.data_dir).drop(path.name)
            path.unlink(missing_ok=True)


def _forget_logos(hub: Hub, logos: set[str]) -> None:
    """Delete an erased participant's logo files, unless someone not erased shows the same."""
    with hub.evening.lock.reading():
        kept = {p.logo for p in hub.evening.participants.values() if p.logo}
    folder = LogoStore(hub.data_dir).folder
    for name in logos - kept:
        (folder / name).unlink(missing_ok=True)


def settle(hub: Hub) -> int:
    """Redo the shredding of every erasure and purge on record (after a stop halfway)."""
    privacy = hub.evening.privacy
    with hub.evening.lock.reading():
        erased = sorted(privacy.erased)
        purged = sorted(set(privacy.purged) - set(erased))
    changed = 0
    if erased:
        changed += _shred(hub, erased, PERSONAL)
    if purged:
        changed += _shred(hub, purged, CONTACT_FIELDS)
    return changed


# --- the retention purge -------------------------------------------------------------------------


def retention_date(hub: Hub) -> dt.date | None:
    settings = hub.evening.participants.signup_settings or {}
    return parse_date(settings.get("retention") or "")


def due_for_purge(hub: Hub, today: dt.date) -> list[str]:
    """Participants whose contact details outlived the retention date the sign-up stated."""
    retention = retention_date(hub)
    if retention is None or today <= retention:
        return []
    with hub.evening.lock.reading():
        privacy = hub.evening.privacy
        return sorted(
            pid
            for pid in hub.contacts.holders()
            if pid not in privacy.purged and pid not in privacy.erased
        )


def purge_if_due(hub: Hub, today: dt.date | None = None) -> list[str]:
    """The retention purge: once the retention date has passed, every key goes (contact
    details, notes, mail); names and the catalogue stay. Returns whom it purged."""
    today = today or dt.date.today()
    due = due_for_purge(hub, today)
    if not due:
        return []
    retention = retention_date(hub)
    hub.record("purge_contact_details", due, retention.isoformat() if retention else "")
    _shred(hub, due, CONTACT_FIELDS)
    _forget_sheets(hub, None)
    log.info("retention purge: contact details of %d participant(s) erased", len(due))
    return due
