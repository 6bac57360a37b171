"""The hub's JSON API: sync for kiosks, figures for screens and scripts."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from hub.views import filtered_deals, hub
from shared.evening import DealView
from shared.sync.protocol import ProtocolError
from shared.web import ApiError, json_body

api = Blueprint("hub_api", __name__, url_prefix="/api")


def _refusal(error: ProtocolError) -> ApiError:
    return ApiError(error.code, error.detail or error.code, error.status, **error.extra)


@api.post("/sync/push")
def push():
    try:
        result = hub().ingest(json_body())
    except ProtocolError as error:
        raise _refusal(error) from None
    return jsonify(result)


@api.get("/sync/pull")
def pull():
    try:
        after = int(request.args.get("after", "0"))
        limit = int(request.args.get("limit", "1000"))
    except ValueError:
        raise ApiError("bad_position", "after and limit must be whole numbers", 400) from None
    if after < 0 or limit < 1:
        raise ApiError("bad_position", "after must be >= 0 and limit >= 1", 400)
    return jsonify(hub().pull(after, limit))


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
