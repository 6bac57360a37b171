"""Pairing kiosks with hubs in tests and benchmarks, and speaking sealed sync in-process.

``pair_device`` does what an organiser and a broker do (a code made on the hub, typed on the
tablet), through the real ``/api/pair`` endpoint of a running hub. ``SealedSync`` wraps a Flask
test client of the hub app as a paired device, so in-process tests can send any body, good or
bad, through the real envelope checks.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from nacl.public import Box

from hub.devices.registry import DeviceRegistry, issue_code
from kiosk import pairing
from shared.core.device import load_or_create_device_id
from shared.sync import envelope


def new_code(hub_data: Path) -> str:
    return issue_code(hub_data)[0]


def pair_device(
    hub_data: Path, hub_url: str, device_data: Path, name: str = ""
) -> pairing.Credentials:
    """Pair the device whose data folder is ``device_data`` with the running hub."""
    device_data.mkdir(parents=True, exist_ok=True)
    device_id = str(load_or_create_device_id(device_data))
    return pairing.pair(device_data, device_id, hub_url, new_code(hub_data), name=name)


class SealedAnswer:
    def __init__(self, status_code: int, body: object):
        self.status_code = status_code
        self._body = body

    def get_json(self):
        return self._body


class SealedSync:
    """A paired device speaking to a hub app's test client, every message sealed."""

    def __init__(self, client, hub, device_id: str | None = None):
        self.client = client
        self.device_id = device_id or str(uuid.uuid4())
        registry: DeviceRegistry = client.application.extensions["devices"]
        code, _ = registry.new_code()
        key = envelope.new_private_key()
        mine = bytes(key.public_key)
        proof = envelope.pairing_proof(code, b"kiosk", self.device_id.encode(), mine)
        answer = client.post(
            "/api/pair",
            json={
                "device": self.device_id,
                "public_key": envelope.b64(mine),
                "proof": envelope.b64(proof),
            },
        )
        assert answer.status_code == 200, answer.get_json()
        self.box = Box(key, envelope.public_key_of(answer.get_json()["public_key"]))
        self.counter = 0
        self.last_sealed: dict | None = None

    def seal(self, path: str, body: object) -> tuple[int, dict]:
        self.counter += 1
        sealed = envelope.seal_request(self.box, self.device_id, path, self.counter, body)
        self.last_sealed = sealed
        return self.counter, sealed

    def answer(self, response, counter: int) -> SealedAnswer:
        outer = response.get_json()
        if isinstance(outer, dict) and "box" in outer:
            status, body = envelope.open_answer(self.box, outer, counter)
            assert status == response.status_code
            return SealedAnswer(status, body)
        return SealedAnswer(response.status_code, outer)

    def post(self, path: str, json: object) -> SealedAnswer:
        counter, sealed = self.seal(path, json)
        return self.answer(self.client.post(path, json=sealed), counter)

    def get(self, url: str) -> SealedAnswer:
        parts = urlsplit(url)
        counter, sealed = self.seal(parts.path, dict(parse_qsl(parts.query)))
        return self.answer(self.client.get(parts.path, query_string=sealed), counter)
