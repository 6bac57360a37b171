"""A walk-in's contact details, from the door's tablet into the hub's ContactVault.

The tablet sealed them for the hub's public key (a sealed box: only the hub's private key opens
it), so they travelled and sit in every copy of the log as noise. The hub opens them once, when
the check-in arrives, and records them as it records anyone's: sealed with the participant's own
key (:class:`hub.participants.contacts.ContactVault`), so mail, exports and erasure treat a
walk-in like everyone else. A participant whose details are already in the vault (or were
erased there) is left alone, so taking them in again changes nothing.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging

import nacl.exceptions
from nacl.public import PrivateKey, SealedBox

from hub.devices.registry import load_or_create_hub_key
from hub.service import Hub
from shared.core.checks import ValidationFailed

log = logging.getLogger(__name__)
FIELDS = ("contact_person", "email", "phone")


def open_sealed(key: PrivateKey, blob: str) -> dict | None:
    """What a tablet sealed for this hub, or None when it is not that (or not for this hub)."""
    try:
        opened = json.loads(SealedBox(key).decrypt(base64.b64decode(blob, validate=True)))
    except (nacl.exceptions.CryptoError, binascii.Error, ValueError):
        return None
    if not isinstance(opened, dict):
        return None
    return {field: str(opened.get(field) or "") for field in FIELDS} | {
        "consent": opened.get("consent") is True
    }


def waiting(hub: Hub) -> list[str]:
    """Walk-ins whose door tablet sent contact details the vault does not hold yet."""
    participants = hub.evening.participants
    return [
        pid
        for pid in hub.evening.arrivals.with_sealed_contacts()
        if (p := participants.get(pid)) is not None
        and p.walk_in
        and not p.contact_sealed
        and not p.erased  # erased (hub.privacy): their details must never come back
        and p.merged_into is None
    ]


def _change(participant, contact: dict) -> dict:
    return {
        "name": participant.name,
        "orgnr": participant.orgnr,
        "sector": participant.sector,
        "needs": participant.needs,
        "offers": participant.offers,
        "logo": participant.logo,
        "show_public": False,
        **{field: contact[field] for field in FIELDS},
    }


def take_in(hub: Hub) -> int:
    """Record every waiting walk-in's details in the vault; returns how many were taken in."""
    todo = waiting(hub)
    if not todo:
        return 0
    key = load_or_create_hub_key(hub.data_dir)
    taken = 0
    for pid in todo:
        contact = next(
            (
                opened
                for blob in hub.evening.arrivals.sealed_contacts(pid)
                if (opened := open_sealed(key, blob)) and opened["consent"]
            ),
            None,
        )
        if contact is None:
            log.warning("a walk-in's contact details could not be opened (%s)", pid)
            continue
        participant = hub.evening.participants[pid]
        sealed = hub.contacts.seal(pid, {field: contact[field] for field in FIELDS})
        try:
            hub.record(
                lambda journal, p=participant, s=sealed, c=contact: journal.change_participant(
                    p.id, _change(p, c), s, "organiser", hub.evening.participants[p.id]
                )
            )
        except ValidationFailed as refused:  # typed on a tablet, held to the register's rules
            log.warning("a walk-in's contact details were refused (%s): %s", pid, refused)
            continue
        taken += 1
    return taken


def install(hub: Hub) -> None:
    """Take in what arrived while the hub was down, then after every batch from a tablet."""
    if take_in not in hub.after_ingest:
        hub.after_ingest.append(take_in)
    take_in(hub)
