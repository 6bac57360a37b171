"""Paired devices on the hub: pairing codes, device keys, revocation, the hub's own key pair.

Device records are hub-local (``devices.sqlite`` in the hub's data folder), not events in the
journal: the journal is copied to every tablet, and who may talk to this hub (and its keys) is
this laptop's business alone. A spare laptop taking over restores the folder from the backup,
or re-pairs the tablets.

A pairing code is eight digits, valid for :data:`CODE_TTL` seconds, used once. Codes are kept
in the same database, so ``bors hub pair-code`` (another process) and the running hub share
them. The kiosk proves it knows the code with a MAC over its key instead of sending the code
(:func:`shared.sync.envelope.pairing_proof`); the hub answers with its own key and a MAC, and
the kiosk pins that key. Wrong attempts are counted: after :data:`MAX_FAILURES` within
:data:`FAILURE_WINDOW` seconds pairing pauses (``pairing_rate_limited``, 429).
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nacl.encoding
import nacl.hash
from flask import Flask, current_app
from nacl.public import Box, PrivateKey

from shared.core.device import load_or_create_device_id
from shared.core.errors import CodedError
from shared.core.files import write_private
from shared.sync import envelope
from shared.sync.envelope import EnvelopeError
from shared.web.throttle import FailureWindow

CODE_TTL = 300
SHOWN_CODE_MIN_LEFT = 90  # seconds: enough to type a shown code on a tablet
CODE_DIGITS = 8
MAX_FAILURES = 5
FAILURE_WINDOW = 60.0
KEY_FILE = "hub-key"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS devices (
    device_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    public_key BLOB NOT NULL,
    paired_at TEXT NOT NULL,
    revoked_at TEXT,
    last_counter INTEGER NOT NULL DEFAULT 0,
    last_seen TEXT
);
CREATE TABLE IF NOT EXISTS pair_codes (
    code_hash BLOB PRIMARY KEY,
    code_key BLOB NOT NULL,
    expires_at REAL NOT NULL,
    used_at REAL
);
"""


class PairingRefused(CodedError):
    """A pairing the hub will not make (wrong code, too many tries)."""

    status = 403


@dataclass(frozen=True)
class Device:
    device_id: str
    name: str
    public_key: bytes
    paired_at: str
    revoked_at: str | None
    last_seen: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def load_or_create_hub_key(data_dir: Path) -> PrivateKey:
    path = data_dir / KEY_FILE
    if path.exists():
        return PrivateKey(path.read_bytes())
    key = PrivateKey.generate()
    write_private(path, bytes(key))
    return key


def _code_hash(code: str) -> bytes:
    return nacl.hash.blake2b(
        envelope.normalise_code(code).encode(), digest_size=32, encoder=nacl.encoding.RawEncoder
    )


def issue_code(hub_data: Path, ttl: float = CODE_TTL) -> tuple[str, float]:
    """A one-time pairing code made on a hub's data folder (with the hub running or not)."""
    registry = DeviceRegistry(hub_data, str(load_or_create_device_id(hub_data)))
    try:
        return registry.new_code(ttl)
    finally:
        registry.close()


class DeviceRegistry:
    """The devices paired with this hub, and the codes that pair them."""

    def __init__(self, data_dir: Path, hub_id: str):
        data_dir.mkdir(parents=True, exist_ok=True)
        self.hub_id = hub_id
        self.key = load_or_create_hub_key(data_dir)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            data_dir / "devices.sqlite", check_same_thread=False, isolation_level=None, timeout=10
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._boxes: dict[str, tuple[bytes, Box]] = {}
        self._wrong_codes = FailureWindow(MAX_FAILURES, FAILURE_WINDOW)

    def close(self) -> None:
        self._db.close()

    @property
    def fingerprint(self) -> str:
        return envelope.fingerprint(self.key.public_key)

    # --- codes -----------------------------------------------------------------------------------

    def new_code(self, ttl: float = CODE_TTL) -> tuple[str, float]:
        """A fresh one-time code, formatted ``1234-5678``, and when it expires (epoch seconds)."""
        digits = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        code = f"{digits[:4]}-{digits[4:]}"
        expires = time.time() + ttl
        with self._lock:
            self._db.execute("DELETE FROM pair_codes WHERE expires_at < ?", (time.time() - 3600,))
            self._db.execute(
                "INSERT INTO pair_codes (code_hash, code_key, expires_at) VALUES (?, ?, ?)",
                (_code_hash(code), digits.encode(), expires),
            )
        return code, expires

    def shown_code(self, min_left: float = SHOWN_CODE_MIN_LEFT) -> tuple[str, float]:
        """The code the pairing page shows: the newest live one while it has ``min_left``
        seconds to run, else a new one. Opening the page again (or ten times) does not add
        live codes for a guesser to hit; the organiser's "new code" button does."""
        with self._lock:
            row = self._db.execute(
                "SELECT code_key, expires_at FROM pair_codes"
                " WHERE used_at IS NULL AND expires_at > ? ORDER BY expires_at DESC LIMIT 1",
                (time.time() + min_left,),
            ).fetchone()
        if row is None:
            return self.new_code()
        digits = row[0].decode()
        return f"{digits[:4]}-{digits[4:]}", row[1]

    def pair(self, device_id: str, public_key: bytes, proof: bytes, name: str) -> bytes:
        """Redeem a code proven by ``proof``; record the device; return the hub's proof."""
        now = time.time()
        mine = bytes(self.key.public_key)
        with self._lock:
            if self._wrong_codes.blocked():
                raise PairingRefused(
                    "pairing_rate_limited",
                    "too many wrong codes: wait a minute",
                    429,
                    retry_after=int(FAILURE_WINDOW),
                )
            live = self._db.execute(
                "SELECT code_hash, code_key FROM pair_codes"
                " WHERE used_at IS NULL AND expires_at > ?",
                (now,),
            ).fetchall()
            matched = next(
                (
                    (code_hash, code_key.decode())
                    for code_hash, code_key in live
                    if hmac.compare_digest(
                        envelope.pairing_proof(
                            code_key.decode(), b"kiosk", device_id.encode(), public_key
                        ),
                        proof,
                    )
                ),
                None,
            )
            if matched is None:
                self._wrong_codes.fail()
                raise PairingRefused("pairing_code_wrong", "the code is wrong, used or expired")
            code_hash, code = matched
            self._db.execute(
                "UPDATE pair_codes SET used_at = ? WHERE code_hash = ?", (now, code_hash)
            )
            self._db.execute(
                "INSERT INTO devices (device_id, name, public_key, paired_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(device_id) DO UPDATE SET public_key = excluded.public_key,"
                " paired_at = excluded.paired_at, revoked_at = NULL, last_counter = 0,"
                " name = CASE WHEN excluded.name != '' THEN excluded.name ELSE devices.name END",
                (device_id, name, public_key, _now_iso()),
            )
            self._boxes.pop(device_id, None)
        return envelope.pairing_proof(code, b"hub", self.hub_id.encode(), mine, public_key)

    # --- devices ---------------------------------------------------------------------------------

    def _row_to_device(self, row) -> Device:
        return Device(*row)

    def get(self, device_id: str) -> Device | None:
        with self._lock:
            row = self._db.execute(
                "SELECT device_id, name, public_key, paired_at, revoked_at, last_seen"
                " FROM devices WHERE device_id = ?",
                (device_id,),
            ).fetchone()
        return self._row_to_device(row) if row else None

    def all(self) -> list[Device]:
        with self._lock:
            rows = self._db.execute(
                "SELECT device_id, name, public_key, paired_at, revoked_at, last_seen"
                " FROM devices ORDER BY paired_at"
            ).fetchall()
        return [self._row_to_device(r) for r in rows]

    def rename(self, device_id: str, name: str) -> bool:
        with self._lock:
            cursor = self._db.execute(
                "UPDATE devices SET name = ? WHERE device_id = ?", (name, device_id)
            )
        return cursor.rowcount == 1

    def revoke(self, device_id: str) -> bool:
        with self._lock:
            cursor = self._db.execute(
                "UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL",
                (_now_iso(), device_id),
            )
            self._boxes.pop(device_id, None)
        return cursor.rowcount == 1

    # --- authenticating sync ---------------------------------------------------------------------

    def box_for(self, device: Device) -> Box:
        cached = self._boxes.get(device.device_id)
        if cached is None or cached[0] != device.public_key:
            cached = (device.public_key, Box(self.key, envelope.PublicKey(device.public_key)))
            self._boxes[device.device_id] = cached
        return cached[1]

    def open_request(self, outer: object, path: str) -> tuple[Device, Box, int, object]:
        """Check a sealed request fully: a paired, unrevoked device, its key, a fresh counter."""
        device_id = envelope.device_of(outer)
        device = self.get(str(device_id))
        if device is None:
            raise EnvelopeError("device_not_paired", "pair this device with the hub first", 401)
        if device.revoked:
            raise EnvelopeError("device_revoked", "the organiser revoked this device", 403)
        box = self.box_for(device)
        counter, body = envelope.open_request(box, outer, device_id, path)
        with self._lock:
            cursor = self._db.execute(
                "UPDATE devices SET last_counter = ?, last_seen = ?"
                " WHERE device_id = ? AND last_counter < ? AND revoked_at IS NULL",
                (counter, _now_iso(), device.device_id, counter),
            )
        if cursor.rowcount != 1:
            raise EnvelopeError("replayed", "this request was seen before", 409)
        return device, box, counter, body


def registry() -> DeviceRegistry:
    """The registry of the app serving this request."""
    return current_app.extensions["devices"]


def device_board():
    """What the tablets last told of themselves (hub.devices.board)."""
    return current_app.extensions["device_board"]


def install(app: Flask, hub) -> None:
    from hub.devices.board import Board

    app.extensions["devices"] = DeviceRegistry(hub.data_dir, str(hub.device_id))
    app.extensions["device_board"] = Board()
