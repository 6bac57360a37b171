"""The door's use cases on a tablet: check a participant in, undo it, check a walk-in in.

Each is one write to the tablet's own journal, committed before the page answers, so the door
works with the hub away. A walk-in's contact details are sealed for the hub's public key (a
libsodium sealed box, PyNaCl's :class:`nacl.public.SealedBox`) before anything is stored: the
tablet can write them but never read them back, and nor can anyone who copies its files.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass

from nacl.public import SealedBox

from kiosk import pairing
from kiosk.deals.picker import known_as
from kiosk.service import Kiosk
from shared.checkin.projection import CheckIn
from shared.checkin.rules import validate_walk_in
from shared.core.errors import CodedError
from shared.participants.projection import ParticipantView

# Every refusal the door's page can show (its texts: ``checkin.error.<code>``).
REFUSALS = ("unknown_participant", "not_checked_in", "tablet_not_paired")


@dataclass(frozen=True)
class Arrival:
    participant: ParticipantView
    checkin: CheckIn
    already_here: bool  # they had been checked in before this tap (here or on another tablet)

    def as_dict(self) -> dict:
        return {
            "participant_id": self.participant.id,
            "name": self.participant.name,
            "sector": self.participant.sector,
            "walk_in": self.participant.walk_in,
            "arrived_at": self.checkin.at.isoformat(),
            "ref": self.checkin.ref,
            "already_here": self.already_here,
        }


def _participant(kiosk: Kiosk, participant_id: object) -> ParticipantView:
    participants = kiosk.evening.participants
    if not isinstance(participant_id, str) or participant_id not in participants:
        raise CodedError("unknown_participant", "no participant with this id on this tablet", 404)
    return participants[participants.canonical(participant_id)]


def check_in(kiosk: Kiosk, participant_id: object) -> Arrival:
    """One tap at the door; a second tap (or another tablet's) only says "already here"."""
    participant = _participant(kiosk, participant_id)
    arrivals = kiosk.evening.arrivals
    known = arrivals.arrival(participant.id)
    if known is not None:
        return Arrival(participant, known, already_here=True)
    kiosk.record("check_in", participant.id)
    return Arrival(participant, arrivals.arrival(participant.id), already_here=False)


def undo_check_in(kiosk: Kiosk, participant_id: object) -> ParticipantView:
    """Take back every check-in of this participant this tablet knows of."""
    participant = _participant(kiosk, participant_id)
    refs = kiosk.evening.arrivals.live_refs(participant.id)
    if not refs:
        raise CodedError("not_checked_in", "this participant is not checked in", 409)
    kiosk.record("undo_check_in", participant.id, refs)
    return participant


def seal_for_hub(kiosk: Kiosk, contact: dict, consent: bool) -> str:
    """Contact details only the paired hub can open ("" when there are none)."""
    if not any(contact.values()):
        return ""
    creds = pairing.load(kiosk.data_dir)
    if creds is None:
        raise CodedError(
            "tablet_not_paired",
            "pair this tablet with the hub before it takes contact details",
            409,
        )
    plain = json.dumps({**contact, "consent": consent}).encode()
    return base64.b64encode(SealedBox(creds.hub_public_key).encrypt(plain)).decode()


def check_in_walk_in(kiosk: Kiosk, data: object) -> Arrival:
    """A walk-in at the door: a participant of their own, checked in at once; a name this
    tablet knows already (folded) is that participant, not a second one."""
    walk_in = validate_walk_in(data)
    sealed = seal_for_hub(kiosk, walk_in["contact"], walk_in["consent"])
    known = known_as(kiosk.evening, walk_in["name"])
    if known is not None:
        return _known_walk_in(kiosk, known, sealed)
    participant_id = str(uuid.uuid4())
    kiosk.record("check_in_walk_in", participant_id, walk_in, sealed)
    participant = kiosk.evening.participants[participant_id]
    return Arrival(participant, kiosk.evening.arrivals.arrival(participant_id), False)


def _known_walk_in(kiosk: Kiosk, known: ParticipantView, sealed: str) -> Arrival:
    """A walk-in typed again: their check-in, carrying the details typed now when the hub has
    none for them yet (a walk-in added at a deal, with no contact details)."""
    arrivals = kiosk.evening.arrivals
    before = arrivals.arrival(known.id)
    news = sealed if known.walk_in and not known.contact_sealed else ""
    if before is None or news:
        kiosk.record("check_in", known.id, known.walk_in, news)
    return Arrival(known, arrivals.arrival(known.id), already_here=before is not None)
