"""The hub's JSON API for screens and scripts: the figures and the deal list."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from hub.auth.access import public
from hub.deals.views import filtered_deals
from hub.stage.service import value_on_screen
from hub.web import current_hub
from shared.deals.presenter import deal_json

api = Blueprint("hub_api", __name__, url_prefix="/api")


@api.get("/stats")
@public
def stats():
    h = current_hub()
    # the screen's social value, null while the organiser's switch is off (as on the screen)
    return jsonify({**h.stats(), "value_on_screen": value_on_screen(h)})


@api.get("/deals")
def deal_list():
    participants = current_hub().evening.participants
    return jsonify({"deals": [deal_json(d, participants) for d in filtered_deals(request.args)]})
