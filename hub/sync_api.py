"""The sync endpoints kiosks call: push their journal, pull the hub's log.

Kept in a blueprint of its own so that device authentication wraps exactly these routes.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from hub.views import hub
from shared.sync.protocol import ProtocolError
from shared.web import ApiError, json_body

sync_api = Blueprint("hub_sync", __name__, url_prefix="/api/sync")


def _refusal(error: ProtocolError) -> ApiError:
    return ApiError(error.code, error.detail or error.code, error.status, **error.extra)


@sync_api.post("/push")
def push():
    try:
        result = hub().ingest(json_body())
    except ProtocolError as error:
        raise _refusal(error) from None
    return jsonify(result)


@sync_api.get("/pull")
def pull():
    try:
        after = int(request.args.get("after", "0"))
        limit = int(request.args.get("limit", "1000"))
    except ValueError:
        raise ApiError("bad_position", "after and limit must be whole numbers", 400) from None
    if not 0 <= after < 2**63 or limit < 1:  # SQLite integers are 64-bit
        raise ApiError("bad_position", "after must be >= 0 and limit >= 1", 400)
    return jsonify(hub().pull(after, limit))
