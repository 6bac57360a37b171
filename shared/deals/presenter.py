"""The one JSON shape of a deal, for the hub's and the kiosk's APIs alike."""

from __future__ import annotations

from shared.deals.revisions import DealView
from shared.participants.projection import Participants


def deal_json(deal: DealView, participants: Participants) -> dict:
    return {
        "id": deal.id,
        "number": deal.number,
        "parties": [
            {
                "participant_id": party["participant_id"],
                "name": p.name if (p := participants.get(party["participant_id"])) else None,
                "sector": participants.sector_of(party["participant_id"]),
                "gives": party.get("gives", ""),
            }
            for party in deal.parties
        ],
        "category": deal.category,
        "kind": deal.kind,
        "deadline": deal.deadline,
        "broker": deal.broker,
        "device": deal.origin,
        "registered_at": deal.registered_at.isoformat(),
        "revision": deal.revision,
        "voided": deal.voided,
        "conflict": deal.conflict,
    }
