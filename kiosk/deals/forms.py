"""The deal form: HTML form fields to a deal dict and back, and the state of each party slot."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shared.core.checks import parse_date, parse_typed_date
from shared.deals.revisions import DealView
from shared.deals.rules import MAX_PARTIES, default_deadline
from shared.evening import Evening
from shared.participants.projection import ParticipantView

MODE_SEARCH = "search"
MODE_CHOSEN = "chosen"
MODE_WALK_IN = "walk_in"


@dataclass
class PartySlot:
    index: int
    mode: str = MODE_SEARCH
    participant: ParticipantView | None = None
    walk_in_name: str = ""
    walk_in_sector: str = ""
    gives: str = ""


def party_count(form) -> int:
    try:
        count = int(form.get("party_count", 2))
    except (TypeError, ValueError):
        count = 2
    return max(2, min(count, MAX_PARTIES))


def deal_from_form(form) -> dict:
    parties = []
    for i in range(party_count(form)):
        gives = form.get(f"p{i}_gives", "")
        if form.get(f"p{i}_mode") == MODE_WALK_IN:
            walk_in = {
                "name": form.get(f"p{i}_walkin_name", ""),
                "sector": form.get(f"p{i}_walkin_sector", ""),
            }
            parties.append({"walk_in": walk_in, "gives": gives})
        else:
            parties.append({"participant_id": form.get(f"p{i}_id", ""), "gives": gives})
    return {
        "parties": parties,
        "category": form.get("category", ""),
        "kind": form.get("kind", ""),
        "deadline": _typed_date(form.get("deadline", "")),
        "broker": form.get("broker", ""),
    }


def _typed_date(raw: str) -> str:
    """``dd.mm.yyyy`` as typed on the tablet, to the ISO date the rules take; kept as typed
    when it is no date, so the form shows it again with its message."""
    value = parse_typed_date(raw)
    return value.isoformat() if value else raw


def slots_from_form(form, evening: Evening) -> list[PartySlot]:
    """Rebuild the slots as typed, so a form with errors keeps every choice."""
    slots = []
    for i in range(party_count(form)):
        slot = PartySlot(index=i, gives=form.get(f"p{i}_gives", ""))
        if form.get(f"p{i}_mode") == MODE_WALK_IN:
            slot.mode = MODE_WALK_IN
            slot.walk_in_name = form.get(f"p{i}_walkin_name", "")
            slot.walk_in_sector = form.get(f"p{i}_walkin_sector", "")
        else:
            participant = evening.participants.get(form.get(f"p{i}_id", ""))
            if participant is not None:
                slot.mode, slot.participant = MODE_CHOSEN, participant
        slots.append(slot)
    return slots


def slots_from_deal(deal: DealView, evening: Evening) -> list[PartySlot]:
    slots = []
    for i, party in enumerate(deal.parties):
        participant = evening.participants.get(party["participant_id"])
        slots.append(
            PartySlot(
                index=i,
                mode=MODE_CHOSEN if participant else MODE_SEARCH,
                participant=participant,
                gives=party.get("gives", ""),
            )
        )
    return slots


def empty_slots() -> list[PartySlot]:
    return [PartySlot(index=0), PartySlot(index=1)]


def suggested_deadline(evening: Evening) -> str:
    settings = evening.settings or {}
    event_date = parse_date(settings.get("date"))
    return default_deadline(event_date, dt.date.today()).isoformat()
