"""Mail kept so it can be forgotten: every message sealed twice, addresses kept as tags.

An email's recipient and content are sealed with a key of the message's own (kept in
``mail-keys.sqlite``, never in the outbox's event store) and then, when the email is for a
participant, with that participant's key from the hub's :class:`ContactVault`. Reading needs
both keys, so either erasure forgets the email:

* erasing the participant (their vault key, the privacy room's crypto-shredding) makes every
  email ever queued for them unreadable, in the store and in every backup of it;
* the retention purge deletes a settled message's own key ``keep_days`` after the send log
  says it settled (docs/mail.md).

Addresses are compared as *tags*: an HMAC of the normalised address under a secret in the data
folder. A tag honours an opt-out and names a refused address without keeping the address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sqlite3
import threading
from pathlib import Path

import nacl.exceptions
import nacl.secret
import nacl.utils

from hub.participants.contacts import ContactVault


class NoParticipantKey(RuntimeError):
    """The participant has no key in the vault (no contact details, or erased)."""


class AddressTags:
    def __init__(self, secret: bytes):
        self._secret = secret

    def tag(self, address: str) -> str:
        """A stable, unguessable name for an address (22 URL-safe characters)."""
        digest = hmac.new(self._secret, normalise(address).encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


def normalise(address: str) -> str:
    return address.strip().lower()


def is_tag(text: str) -> bool:
    return len(text) == 22 and all(c.isalnum() or c in "-_" for c in text)


class Sealer:
    def __init__(self, path: Path, vault: ContactVault):
        self._vault = vault
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS message_keys ("
            " email_id TEXT PRIMARY KEY, key BLOB NOT NULL, settled_at TEXT)"
        )

    def close(self) -> None:
        self._db.close()

    def seal_many(self, items: list[tuple[str, str, dict]]) -> list[str]:
        """Seal ``(email_id, participant_id, payload)`` each with a new key of its own, in one
        transaction; returns the sealed texts. An email already holding a key gets a new one:
        the caller checked under its lock that no such email is stored."""
        rows, sealed = [], []
        for email_id, participant_id, payload in items:
            key = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
            inner = nacl.secret.SecretBox(key).encrypt(json.dumps(payload).encode())
            if participant_id:
                outer = self._vault.seal_bytes(participant_id, bytes(inner))
                if outer is None:
                    raise NoParticipantKey(participant_id)
                inner = outer
            rows.append((email_id, key))
            sealed.append(base64.b64encode(inner).decode())
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR REPLACE INTO message_keys (email_id, key) VALUES (?, ?)", rows
            )
            self._db.execute("COMMIT")
        return sealed

    def open(self, email_id: str, participant_id: str, sealed: str) -> dict | None:
        """The payload, or None once either key is gone."""
        blob = base64.b64decode(sealed)
        if participant_id:
            blob = self._vault.open_bytes(participant_id, blob)
            if blob is None:
                return None
        with self._lock:
            row = self._db.execute(
                "SELECT key FROM message_keys WHERE email_id = ?", (email_id,)
            ).fetchone()
        if row is None:
            return None
        try:
            return json.loads(nacl.secret.SecretBox(bytes(row[0])).decrypt(blob))
        except (nacl.exceptions.CryptoError, ValueError):
            return None

    def forget_many(self, email_ids: list[str]) -> int:
        """Delete these emails' keys (the retention purge); how many were still there."""
        with self._lock:
            self._db.execute("BEGIN")
            cursor = self._db.executemany(
                "DELETE FROM message_keys WHERE email_id = ?", [(i,) for i in email_ids]
            )
            self._db.execute("COMMIT")
        return cursor.rowcount

    def forget(self, email_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM message_keys WHERE email_id = ?", (email_id,))
