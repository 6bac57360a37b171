"""The kiosk's JSON API: the same use cases as the pages, for scripts and tests."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from kiosk.deals import picker
from kiosk.service import UnknownDeal
from kiosk.web import current_kiosk as kiosk
from shared.core.checks import ValidationFailed
from shared.core.errors import CodedError
from shared.deals.presenter import deal_json as presented
from shared.deals.revisions import DealView
from shared.web import json_body

api = Blueprint("kiosk_api", __name__, url_prefix="/api")

MAX_KEY = 100


def deal_json(deal: DealView) -> dict:
    return presented(deal, kiosk().evening.participants)


def _invalid(failed: ValidationFailed) -> CodedError:
    return CodedError(
        "invalid_deal",
        "the deal has errors",
        422,
        fields=[e.as_dict() for e in failed.errors],
    )


@api.post("/deals")
def register_deal():
    try:
        # A retried POST with the same Idempotency-Key answers the first save (pretix's way).
        key = request.headers.get("Idempotency-Key", "")[:MAX_KEY] or None
        deal = kiosk().register_deal(json_body(), form_key=key)
    except ValidationFailed as failed:
        raise _invalid(failed) from None
    return jsonify({"id": deal.id, "number": deal.number}), 201


@api.get("/deals")
def list_deals():
    return jsonify({"deals": [deal_json(d) for d in kiosk().my_deals()]})


def _existing(deal_id: str) -> DealView:
    try:
        return kiosk().deal(deal_id)
    except UnknownDeal:
        raise CodedError("unknown_deal", "no deal with this id", 404) from None


@api.get("/deals/<deal_id>")
def get_deal(deal_id: str):
    return jsonify(deal_json(_existing(deal_id)))


@api.post("/deals/<deal_id>/corrections")
def correct_deal(deal_id: str):
    _existing(deal_id)
    try:
        deal = kiosk().correct_deal(deal_id, json_body())
    except ValidationFailed as failed:
        raise _invalid(failed) from None
    return jsonify(deal_json(deal)), 201


@api.post("/deals/<deal_id>/void")
def void_deal(deal_id: str):
    _existing(deal_id)
    body = json_body()
    if not isinstance(body, dict):
        raise CodedError("not_an_object", "send a JSON object", 422)
    try:
        deal = kiosk().void_deal(deal_id, body)
    except ValidationFailed as failed:
        raise _invalid(failed) from None
    return jsonify(deal_json(deal)), 201


@api.post("/deals/<deal_id>/restore")
def restore_deal(deal_id: str):
    """Take back the deal's voids (the tablet's list asks first; a script confirms by calling)."""
    _existing(deal_id)
    try:
        deal = kiosk().undo_void(deal_id)
    except ValidationFailed:
        raise CodedError("not_voided", "the deal has no void this tablet may undo", 409) from None
    return jsonify(deal_json(deal)), 201


@api.get("/participants")
def participants():
    """The picker's suggestions: arrived first, folded and alike names, what tells them apart."""
    matches = picker.suggestions(kiosk().evening, request.args.get("q", ""), limit=20)
    return jsonify(
        {
            "participants": [
                {
                    "id": s.id,
                    "name": s.participant.name,
                    "sector": s.participant.sector,
                    "walk_in": s.participant.walk_in,
                    "arrived": s.here,
                    "detail": s.detail,
                    "needs": s.participant.needs,
                    "offers": s.participant.offers,
                }
                for s in matches
            ]
        }
    )
