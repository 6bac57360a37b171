"""The pairing endpoint kiosks call: a one-time code proven, keys swapped, the device kept."""

from __future__ import annotations

import uuid

from flask import Blueprint, jsonify

from hub.devices.registry import registry
from shared.core.checks import clean_text
from shared.core.errors import CodedError
from shared.sync import envelope
from shared.sync.envelope import EnvelopeError
from shared.web import json_body
from shared.web.csrf import device_requests

MAX_DEVICE_NAME = 60

# A tablet pairing has no session: the one-time code it proves is what lets it in.
pair_api = device_requests(Blueprint("hub_pair_api", __name__, url_prefix="/api"))


@pair_api.post("/pair")
def pair():
    body = json_body()
    if not isinstance(body, dict):
        raise CodedError("malformed_pairing", "expected an object", 400)
    try:
        device_id = str(uuid.UUID(str(body.get("device"))))
        public_key = bytes(envelope.public_key_of(body.get("public_key")))
        proof = envelope.unb64(body.get("proof"))
    except (EnvelopeError, ValueError):
        raise CodedError(
            "malformed_pairing", "device, public_key and proof are needed", 400
        ) from None
    name = body.get("name") or ""
    if not isinstance(name, str) or len(name) > MAX_DEVICE_NAME:
        raise CodedError("malformed_pairing", "name must be text of at most 60 characters", 400)
    hub_proof = registry().pair(device_id, public_key, proof, clean_text(name))
    return jsonify(
        {
            "hub": registry().hub_id,
            "public_key": envelope.b64(bytes(registry().key.public_key)),
            "proof": envelope.b64(hub_proof),
        }
    )
