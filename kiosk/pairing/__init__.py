"""This tablet's pairing with its hub: its own key pair, the hub's pinned key, the pairing page.

``pairing.json`` in the kiosk's data folder (readable by its owner only) holds the device's
private key and the hub's id, public key and address. Until it exists the kiosk does not sync
(status ``unpaired``). Pairing: the organiser shows a one-time code on the hub; the kiosk sends
its public key with a MAC keyed by the code, and keeps the hub's public key only if the hub's
answer carries a MAC keyed by the same code (and, when the QR code gave one, the expected key
fingerprint). From then on the kiosk talks to no other hub: see :mod:`kiosk.hub_client`.
The tablet's pairing page is :mod:`kiosk.pairing.views`.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

import requests
from nacl.public import PrivateKey, PublicKey

from shared.core.errors import CodedError
from shared.core.files import write_private
from shared.sync import envelope
from shared.sync.envelope import EnvelopeError

FILE = "pairing.json"
TIMEOUT = (3.0, 10.0)


class PairingFailed(CodedError):
    """Pairing did not happen; ``code`` says why (shown on the tablet's pairing page)."""

    status = 422


@dataclass(frozen=True)
class Credentials:
    device_id: str
    device_key: PrivateKey
    hub_id: str
    hub_public_key: PublicKey
    hub_url: str

    @property
    def hub_fingerprint(self) -> str:
        return envelope.fingerprint(self.hub_public_key)


def load(data_dir: Path) -> Credentials | None:
    try:
        saved = json.loads((data_dir / FILE).read_text())
        return Credentials(
            device_id=saved["device_id"],
            device_key=PrivateKey(envelope.unb64(saved["device_key"])),
            hub_id=saved["hub_id"],
            hub_public_key=PublicKey(envelope.unb64(saved["hub_public_key"])),
            hub_url=saved["hub_url"],
        )
    except (OSError, ValueError, KeyError, EnvelopeError):
        return None


def _save(data_dir: Path, creds: Credentials) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    saved = {
        "device_id": creds.device_id,
        "device_key": envelope.b64(bytes(creds.device_key)),
        "hub_id": creds.hub_id,
        "hub_public_key": envelope.b64(bytes(creds.hub_public_key)),
        "hub_url": creds.hub_url,
    }
    write_private(data_dir / FILE, json.dumps(saved))


def pair(
    data_dir: Path,
    device_id: str,
    hub_url: str,
    code: str,
    fingerprint: str | None = None,
    name: str = "",
) -> Credentials:
    """Pair with the hub at ``hub_url`` using the code it shows; keep the credentials."""
    code = envelope.normalise_code(code)
    if len(code) != 8:
        raise PairingFailed("pairing_code_malformed", "the code has eight digits")
    hub_url = hub_url.rstrip("/")
    key = PrivateKey.generate()
    mine = bytes(key.public_key)
    # The kiosk does not know the hub's key yet: its proof covers its own key alone, and the
    # hub's proof (over both keys) is what lets it trust the key the hub sends.
    proof = envelope.pairing_proof(code, b"kiosk", device_id.encode(), mine)
    try:
        response = requests.post(
            f"{hub_url}/api/pair",
            json={
                "device": device_id,
                "public_key": envelope.b64(mine),
                "proof": envelope.b64(proof),
                "name": name,
            },
            timeout=TIMEOUT,
        )
    except requests.RequestException as error:
        raise PairingFailed("hub_unreachable", str(error)) from None
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200 or not isinstance(body, dict):
        raise PairingFailed(str(body.get("error", response.status_code)))
    try:
        hub_key = envelope.public_key_of(body.get("public_key"))
        hub_proof = envelope.unb64(body.get("proof"))
        hub_id = str(uuid.UUID(str(body.get("hub"))))
    except (EnvelopeError, ValueError):
        raise PairingFailed("pairing_answer_malformed") from None
    expected = envelope.pairing_proof(code, b"hub", hub_id.encode(), bytes(hub_key), mine)
    if hub_proof != expected:
        raise PairingFailed("hub_not_proven", "the answer was not made with this code")
    if fingerprint and envelope.fingerprint(hub_key) != fingerprint.strip().lower():
        raise PairingFailed("hub_fingerprint_mismatch")
    creds = Credentials(device_id, key, hub_id, hub_key, hub_url)
    _save(data_dir, creds)
    return creds
