"""Sealed sync messages: what a stranger on the venue Wi-Fi sees is noise, and cannot forge.

At pairing the kiosk and the hub swap Curve25519 public keys (the hub's is pinned by the kiosk).
Every sync request and its answer then travel as a libsodium ``crypto_box`` (PyNaCl's
:class:`nacl.public.Box`: X25519 key agreement + XSalsa20-Poly1305, a fresh random 24-byte
nonce per message), so only that kiosk and that hub can read it, and any changed byte fails
authentication. Inside the box:

request  ``{"v": 1, "dir": "request", "device": id, "path": "/api/sync/push", "counter": n,
"body": {...}}``
answer   ``{"v": 1, "dir": "answer", "counter": n, "status": 200, "body": {...}}``

``counter`` is the kiosk's request counter: strictly increasing per device (the kiosk keeps it on
disk and starts from its clock in microseconds, so it climbs even after a lost write). The hub
keeps the highest counter it accepted from each device and refuses anything not above it, so
a captured request replayed later is refused; the answer echoes it, so an old answer cannot be
passed off as the answer to a new request. ``path`` and ``dir`` stop a request from being
replayed to another endpoint or an answer from being reflected as a request.

On the HTTP level a sealed message is ``{"device": id, "box": base64}`` (a POST body, or the
query string of a GET).
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid

import nacl.encoding
import nacl.exceptions
import nacl.hash
from nacl.public import Box, PrivateKey, PublicKey

from shared.core import wire_json
from shared.core.errors import CodedError

VERSION = 1
MAX_BOX_BYTES = 3 * 1024 * 1024


class EnvelopeError(CodedError):
    """A sealed message that must be refused, with a stable code."""

    status = 400


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()


def unb64(text: object) -> bytes:
    if not isinstance(text, str) or len(text) > MAX_BOX_BYTES * 4 // 3 + 4:
        raise EnvelopeError("malformed_envelope", "box must be base64 text")
    try:
        return base64.urlsafe_b64decode(text.encode())
    except (binascii.Error, ValueError):
        raise EnvelopeError("malformed_envelope", "box must be base64 text") from None


def public_key_of(text: str) -> PublicKey:
    try:
        return PublicKey(unb64(text))
    except (nacl.exceptions.TypeError, nacl.exceptions.ValueError):
        raise EnvelopeError("malformed_key", "not a public key") from None


def fingerprint(public_key: PublicKey | bytes) -> str:
    """A short, readable digest of a public key (shown on the hub, carried in the QR code)."""
    raw = bytes(public_key)
    digest = nacl.hash.blake2b(raw, digest_size=10, encoder=nacl.encoding.RawEncoder)
    return base64.b32encode(digest).decode().rstrip("=").lower()


def pairing_proof(code: str, *parts: bytes) -> bytes:
    """A MAC keyed by the one-time pairing code (BLAKE2b, keyed mode) over the keys swapped.

    The code itself never travels: an eavesdropper cannot lift it off the wire and pair a
    device of their own before the code is used.
    """
    key = nacl.hash.blake2b(
        normalise_code(code).encode(), digest_size=32, encoder=nacl.encoding.RawEncoder
    )
    return nacl.hash.blake2b(
        b"|".join(parts), key=key, digest_size=32, encoder=nacl.encoding.RawEncoder
    )


def normalise_code(code: str) -> str:
    return "".join(ch for ch in str(code) if ch.isdigit())


def _open(box: Box, sealed: bytes) -> dict:
    try:
        plain = box.decrypt(sealed)
    except (nacl.exceptions.CryptoError, nacl.exceptions.ValueError, nacl.exceptions.TypeError):
        raise EnvelopeError("bad_seal", "the message was not sealed by its peer", 401) from None
    try:
        message = wire_json.loads(plain)  # deep nesting, huge counters: refused, not a 500
    except wire_json.MalformedJson:
        raise EnvelopeError("malformed_envelope", "not JSON inside") from None
    if not isinstance(message, dict) or message.get("v") != VERSION:
        raise EnvelopeError("malformed_envelope", "unknown envelope version")
    return message


def seal_request(box: Box, device: str, path: str, counter: int, body: object) -> dict[str, str]:
    message = {
        "v": VERSION,
        "dir": "request",
        "device": device,
        "path": path,
        "counter": counter,
        "body": body,
    }
    return {"device": device, "box": b64(box.encrypt(json.dumps(message).encode()))}


def device_of(outer: object) -> uuid.UUID:
    """Which device claims to have sealed this (checked by opening the box with its key)."""
    if not isinstance(outer, dict):
        raise EnvelopeError("malformed_envelope", "expected {device, box}")
    try:
        return uuid.UUID(str(outer.get("device")))
    except ValueError:
        raise EnvelopeError("malformed_envelope", "device must be an id") from None


def open_request(box: Box, outer: dict, device: uuid.UUID, path: str) -> tuple[int, object]:
    message = _open(box, unb64(outer.get("box")))
    counter = message.get("counter")
    if (
        message.get("dir") != "request"
        or message.get("device") != str(device)
        or message.get("path") != path
        or not isinstance(counter, int)
        or isinstance(counter, bool)
        or counter < 1
    ):
        raise EnvelopeError("misdirected", "sealed for another device, path or direction", 401)
    return counter, message.get("body")


def seal_answer(box: Box, counter: int, status: int, body: object) -> dict[str, str]:
    message = {"v": VERSION, "dir": "answer", "counter": counter, "status": status, "body": body}
    return {"box": b64(box.encrypt(json.dumps(message).encode()))}


def open_answer(box: Box, outer: object, counter: int) -> tuple[int, object]:
    if not isinstance(outer, dict):
        raise EnvelopeError("malformed_envelope", "expected {box}")
    message = _open(box, unb64(outer.get("box")))
    if message.get("dir") != "answer" or message.get("counter") != counter:
        raise EnvelopeError("misdirected", "not the answer to this request", 401)
    status = message.get("status")
    if not isinstance(status, int):
        raise EnvelopeError("malformed_envelope", "status")
    return status, message.get("body")


def new_private_key() -> PrivateKey:
    return PrivateKey.generate()
