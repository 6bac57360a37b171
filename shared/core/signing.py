"""Events that carry their author's signature (Ed25519, PyNaCl), so any device can carry any
other device's events without being trusted.

Every device (each tablet, the hub) has a signing key of its own in its data folder. A device
signs the events it wrote when they leave it; the signature travels beside the event
(``"sig": {"by": device id, "ed25519": base64}``) and is kept with it wherever it is stored (in
the stored state, under ``"_sig"``), so a tablet relaying another tablet's events hands on the
author's signature unchanged. A receiver checks it against the key it holds for the signer:

* the signer is the event's origin (its author), or the hub, which signs its own events and
  vouches for the ones it rewrote at an erasure (:mod:`shared.privacy`), whose author's
  signature no longer fits;
* one byte changed anywhere in the origin, sequence, type or state, and the check fails.

What is signed is the canonical JSON of ``{"origin", "seq", "type", "state"}`` (keys sorted, no
spaces, UTF-8), the state as the author's store holds it. Keys are learnt over the sealed,
authenticated sync channel (a tablet's in its push, the hub's and every paired tablet's in the
hub's pull answers) and pinned: a device that shows another key later is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections.abc import Mapping
from pathlib import Path

import nacl.exceptions
import nacl.signing

from shared.core.errors import CodedError
from shared.core.files import write_private

KEY_FILE = "signing.key"
BOOK_FILE = "device-keys.json"
STORED = "_sig"  # where a stored event's state keeps the signature it arrived with


class SignatureRefused(CodedError):
    """An event whose signature is missing, unknown, or does not fit it."""

    status = 422


def load_or_create_key(data_dir: Path) -> nacl.signing.SigningKey:
    path = data_dir / KEY_FILE
    if path.exists():
        return nacl.signing.SigningKey(path.read_bytes())
    key = nacl.signing.SigningKey.generate()
    write_private(path, bytes(key))
    return key


def public_text(key: nacl.signing.SigningKey | nacl.signing.VerifyKey) -> str:
    verify = key.verify_key if isinstance(key, nacl.signing.SigningKey) else key
    return base64.b64encode(bytes(verify)).decode()


def _verify_key(text: object) -> nacl.signing.VerifyKey:
    try:
        raw = base64.b64decode(str(text), validate=True)
        return nacl.signing.VerifyKey(raw)
    except (binascii.Error, ValueError, TypeError, nacl.exceptions.ValueError):
        raise SignatureRefused("bad_key", "not an Ed25519 public key") from None


def signed_bytes(wire: Mapping) -> bytes:
    state = {k: v for k, v in wire["state"].items() if k != STORED}
    content = {"origin": wire["origin"], "seq": wire["seq"], "type": wire["type"], "state": state}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(wire: dict, key: nacl.signing.SigningKey, signer: str) -> dict:
    """``wire`` with its signature by ``signer`` (an event as it travels)."""
    signature = key.sign(signed_bytes(wire)).signature
    return {**wire, "sig": {"by": signer, "ed25519": base64.b64encode(signature).decode()}}


class KeyBook:
    """The public keys this node knows, by device id, pinned on first sight (a small file)."""

    def __init__(self, data_dir: Path):
        self.path = data_dir / BOOK_FILE
        self._lock = threading.Lock()
        self._keys: dict[str, nacl.signing.VerifyKey] = {}
        try:
            saved = json.loads(self.path.read_text())
        except (OSError, ValueError):
            saved = {}
        for device, text in saved.items() if isinstance(saved, dict) else ():
            self._keys[device] = _verify_key(text)

    def get(self, device: str) -> nacl.signing.VerifyKey | None:
        return self._keys.get(device)

    def texts(self) -> dict[str, str]:
        return {device: public_text(key) for device, key in self._keys.items()}

    def pin(self, device: str, text: object) -> None:
        """Learn ``device``'s key; the same key again is fine, another one is refused."""
        key = _verify_key(text)
        with self._lock:
            known = self._keys.get(device)
            if known is not None:
                if bytes(known) != bytes(key):
                    raise SignatureRefused("key_changed", f"{device} shows another key", 409)
                return
            self._keys[device] = key
            write_private(self.path, json.dumps(self.texts()))

    def pin_all(self, texts: object) -> None:
        if isinstance(texts, Mapping):
            for device, text in texts.items():
                self.pin(str(device), text)

    def check(
        self, wire: Mapping, hub: str | None, required: bool, sender: str | None = None
    ) -> None:
        """Refuse ``wire`` unless it carries a fitting signature by its origin or the hub.
        ``required``: an unsigned event is refused too (its author is known to sign).
        ``sender``: the device the sealed channel authenticated; its own events signed with a
        key not yet known are taken on the channel's word (the key comes with a later push)."""
        sig = wire.get("sig")
        if sig is None:
            if required:
                raise SignatureRefused("unsigned_event", "this device signs its events")
            return
        if not isinstance(sig, Mapping) or sig.get("by") not in (str(wire.get("origin")), hub):
            raise SignatureRefused("bad_signature", "signed by neither its author nor the hub")
        key = self._keys.get(str(sig["by"]))
        if key is None and sender is not None and sig["by"] == sender == str(wire.get("origin")):
            return
        if key is None:
            raise SignatureRefused("unknown_signer", f"no key known for {sig['by']}")
        try:
            key.verify(signed_bytes(wire), base64.b64decode(str(sig.get("ed25519")), validate=True))
        except (nacl.exceptions.BadSignatureError, binascii.Error, ValueError, TypeError):
            raise SignatureRefused(
                "bad_signature", "the signature does not fit the event"
            ) from None


def stored_signature(state: Mapping) -> dict | None:
    sig = state.get(STORED)
    return dict(sig) if isinstance(sig, Mapping) else None
