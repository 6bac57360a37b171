"""The hub's JSON API for screens and scripts (sync has its own blueprint, hub/sync_api.py)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from hub.views import filtered_deals, hub
from shared.evening import DealView

api = Blueprint("hub_api", __name__, url_prefix="/api")


@api.get("/stats")
def stats():
    return jsonify(hub().stats())


def deal_json(deal: DealView) -> dict:
    evening = hub().evening
    return {
        "id": deal.id,
        "number": deal.number,
        "parties": [
            {
                "participant_id": p["participant_id"],
                "name": evening.participants[p["participant_id"]].name
                if p["participant_id"] in evening.participants
                else None,
                "sector": evening.sector_of(p["participant_id"]),
                "gives": p.get("gives", ""),
            }
            for p in deal.parties
        ],
        "category": deal.category,
        "kind": deal.kind,
        "deadline": deal.deadline,
        "broker": deal.broker,
        "device": deal.origin,
        "registered_at": deal.registered_at.isoformat(),
        "voided": deal.voided,
        "conflict": deal.conflict,
    }


@api.get("/deals")
def deals():
    return jsonify({"deals": [deal_json(d) for d in filtered_deals(request.args)]})
