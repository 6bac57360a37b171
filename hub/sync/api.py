"""The sync endpoints kiosks call: push their journal, pull the hub's log.

Kept in a blueprint of its own so that device authentication wraps exactly these routes: each
request is a sealed envelope (:mod:`shared.sync.envelope`) from a paired, unrevoked device with
a fresh counter, and each answer, refusals included, is sealed back to that device. Only the
refusals of the envelope itself (unknown or revoked device, broken seal, replay) travel in
clear, since there is no one to seal them for.
"""

from __future__ import annotations

import uuid

from flask import Blueprint, g, jsonify, request

from hub.devices.registry import device_board, registry
from hub.recovery.epoch import epoch_of
from hub.web import current_hub
from shared.core.errors import CodedError
from shared.sync import envelope
from shared.sync.protocol import ProtocolError, parse_push
from shared.web import json_body
from shared.web.csrf import device_requests

# Every sync request is sealed for one device's key (no session, so no CSRF token).
sync_api = device_requests(Blueprint("hub_sync", __name__, url_prefix="/api/sync"))


def _sealed(body: dict, status: int = 200):
    response = jsonify(envelope.seal_answer(g.sync_box, g.sync_counter, status, body))
    response.status_code = status
    return response


@sync_api.before_request
def authenticate():
    outer = json_body() if request.method == "POST" else request.args.to_dict()
    device, box, counter, body = registry().open_request(outer, request.path)
    g.sync_device, g.sync_box, g.sync_counter, g.sync_body = device, box, counter, body


@sync_api.errorhandler(CodedError)
def sealed_refusal(error: CodedError):
    body = error.as_json()
    if g.get("sync_box") is None:
        response = jsonify(body)
        response.status_code = error.status
        return response
    return _sealed(body, error.status)


@sync_api.post("/push")
def push():
    device, events = parse_push(g.sync_body)
    if str(device) != g.sync_device.device_id or any(
        _origin(item) not in (None, g.sync_device.device_id) for item in events
    ):
        raise ProtocolError("foreign_origin", "a device pushes its own journal only", 403)
    return _sealed(current_hub().ingest(g.sync_body))


def _origin(item: object) -> str | None:
    """The event's origin when it is a well-formed id (the protocol checks the rest)."""
    try:
        return str(uuid.UUID(str(item["origin"])))  # type: ignore[index]
    except (KeyError, TypeError, ValueError):
        return None


def _position(body: dict, name: str, default: int) -> int:
    value = body.get(name, default)
    if isinstance(value, str):  # a query-string habit; accepted when it is a whole number
        try:
            value = int(value)
        except ValueError:
            value = None
    if not isinstance(value, int) or isinstance(value, bool):
        raise CodedError("bad_position", "after and limit must be whole numbers", 400)
    return value


@sync_api.get("/pull")
def pull():
    body = g.sync_body if isinstance(g.sync_body, dict) else {}
    after, limit = _position(body, "after", 0), _position(body, "limit", 1000)
    if not 0 <= after < 2**63 or limit < 1:  # SQLite integers are 64-bit
        raise CodedError("bad_position", "after must be >= 0 and limit >= 1", 400)
    device_board().note(g.sync_device.device_id, body.get("status"))
    answer = current_hub().pull(after, limit)
    answer["log"] = epoch_of(current_hub().data_dir)  # a restored log is a new one
    return _sealed(answer)


@sync_api.post("/relay")
def relay():
    """Other devices' events this tablet carries, each with its author's signature."""
    from hub.sync.relay import ingest_relayed

    body = g.sync_body if isinstance(g.sync_body, dict) else {}
    return _sealed(ingest_relayed(current_hub(), body.get("events")))


@sync_api.post("/hello")
def hello():
    """Proves this hub holds the pinned key: a kiosk asks before following an advert."""
    return _sealed({"hub": registry().hub_id})
