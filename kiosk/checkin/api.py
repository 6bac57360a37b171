"""The door's JSON API on the tablet: ``POST /api/checkins`` and its undo, the arrivals so far."""

from __future__ import annotations

from flask import Blueprint, jsonify

from kiosk.checkin import service
from kiosk.web import current_kiosk as kiosk
from shared.core.checks import ValidationFailed
from shared.core.errors import CodedError
from shared.web import json_body

checkin_api = Blueprint("kiosk_checkin_api", __name__, url_prefix="/api")


def _object() -> dict:
    body = json_body()
    if not isinstance(body, dict):
        raise CodedError("not_an_object", "send a JSON object", 422)
    return body


@checkin_api.post("/checkins")
def check_in():
    """201 with the arrival when it is new, 200 with it when they were here already."""
    body = _object()
    if ("participant_id" in body) == ("walk_in" in body):
        raise CodedError("participant_or_walk_in", "send participant_id or walk_in", 422)
    try:
        if "walk_in" in body:
            arrival = service.check_in_walk_in(kiosk(), body["walk_in"])
        else:
            arrival = service.check_in(kiosk(), body["participant_id"])
    except ValidationFailed as failed:
        raise CodedError(
            "invalid_walk_in",
            "the walk-in has errors",
            422,
            fields=[e.as_dict() for e in failed.errors],
        ) from None
    return jsonify(arrival.as_dict()), 200 if arrival.already_here else 201


@checkin_api.post("/checkins/undo")
def undo():
    participant = service.undo_check_in(kiosk(), _object().get("participant_id"))
    return jsonify({"participant_id": participant.id, "here": False})


@checkin_api.get("/checkins")
def arrivals():
    evening = kiosk().evening
    participants = evening.participants
    return jsonify(
        {
            "arrived": evening.arrivals.count(),
            "by_sector": evening.arrivals.by_sector(),
            "arrivals": [
                {
                    "participant_id": pid,
                    "name": participants[pid].name if pid in participants else "",
                    "arrived_at": checkin.at.isoformat(),
                    "ref": checkin.ref,
                }
                for pid, checkin in evening.arrivals.arrived()
            ],
        }
    )
