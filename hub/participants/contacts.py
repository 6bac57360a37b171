"""Contact details that can be forgotten (promise 8: crypto-shredding).

The hub's log is append-only and copied to every tablet, so contact details never enter it in
clear. Each participant's email, phone and contact person are sealed with a key of their own
(libsodium's SecretBox through PyNaCl); only the sealed blob goes into the log. The keys live in
this small separate database on the hub alone. Erasing a participant deletes their key, and
every copy of the blob, on every tablet and in every backup of the log, becomes unreadable.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import threading
from pathlib import Path

import nacl.exceptions
import nacl.secret
import nacl.utils


class ContactVault:
    def __init__(self, path: Path):
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # An erased key's bytes are zeroed, not left in a free page (hub.privacy)
        self._db.execute("PRAGMA secure_delete=ON")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS participant_keys ("
            " participant_id TEXT PRIMARY KEY, key BLOB)"
        )
        # Who was erased (ids only): no key is ever made for them again (hub.privacy)
        self._db.execute("CREATE TABLE IF NOT EXISTS erased (participant_id TEXT PRIMARY KEY)")
        self._cache: dict[str, dict[str, dict | None]] = {}  # participant -> blob -> opened

    def close(self) -> None:
        self._db.close()

    def seal(self, participant_id: str, contact: dict) -> str:
        """Seal ``contact`` (or a note) with the participant's key, made on first use.

        One key per participant for everything sealed about them (contact details, each change
        of them, the organiser's notes): erasing it erases all of it at once.
        """
        if self.is_erased(participant_id):
            return ""  # erased for good: nothing is sealed (kept) for them again
        fresh = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO participant_keys VALUES (?, ?)", (participant_id, fresh)
            )
            (key,) = self._db.execute(
                "SELECT key FROM participant_keys WHERE participant_id = ?", (participant_id,)
            ).fetchone()
        sealed = nacl.secret.SecretBox(key).encrypt(json.dumps(contact).encode())
        return base64.b64encode(sealed).decode()

    def seal_many(self, items: list[tuple[str, dict]]) -> list[str]:
        """:meth:`seal` for several participants, their new keys in one commit (sign-ups that
        arrive together: one write to disk instead of one each)."""
        erased = {pid for pid, _ in items if self.is_erased(pid)}  # nothing sealed for them
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for participant_id, _ in items:
                    if participant_id in erased:
                        continue
                    fresh = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
                    self._db.execute(
                        "INSERT OR IGNORE INTO participant_keys VALUES (?, ?)",
                        (participant_id, fresh),
                    )
                keys = {
                    pid: self._db.execute(
                        "SELECT key FROM participant_keys WHERE participant_id = ?", (pid,)
                    ).fetchone()[0]
                    for pid, _ in items
                    if pid not in erased
                }
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return [
            base64.b64encode(
                nacl.secret.SecretBox(keys[pid]).encrypt(json.dumps(contact).encode())
            ).decode()
            if pid in keys
            else ""
            for pid, contact in items
        ]

    def open(self, participant_id: str, sealed: str) -> dict | None:
        """The contact details, or None when there are none or they were erased."""
        if not sealed:
            return None
        cached = self._cache.get(participant_id, {})
        if sealed in cached:
            return cached[sealed]
        with self._lock:
            row = self._db.execute(
                "SELECT key FROM participant_keys WHERE participant_id = ?", (participant_id,)
            ).fetchone()
        contact = None
        if row is not None:
            try:
                plain = nacl.secret.SecretBox(row[0]).decrypt(base64.b64decode(sealed))
                contact = json.loads(plain)
            except (nacl.exceptions.CryptoError, ValueError):
                contact = None
        self._cache.setdefault(participant_id, {})[sealed] = contact
        return contact

    def seal_bytes(self, participant_id: str, plain: bytes) -> bytes | None:
        """``plain`` sealed with this participant's own key, or None when they have none (never
        signed up with contact details, or erased). What other rooms keep about a participant
        (their mail, :mod:`hub.mail`) is sealed so, and erasing the key erases it too."""
        key = self._key_of(participant_id)
        return None if key is None else nacl.secret.SecretBox(key).encrypt(plain)

    def open_bytes(self, participant_id: str, sealed: bytes) -> bytes | None:
        """What :meth:`seal_bytes` sealed, or None once the participant's key is erased."""
        key = self._key_of(participant_id)
        if key is None:
            return None
        try:
            return nacl.secret.SecretBox(key).decrypt(sealed)
        except nacl.exceptions.CryptoError:
            return None

    def _key_of(self, participant_id: str) -> bytes | None:
        with self._lock:
            row = self._db.execute(
                "SELECT key FROM participant_keys WHERE participant_id = ?", (participant_id,)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def erase(self, *participant_ids: str, for_good: bool = True) -> None:
        """Forget these participants' keys: zeroed in the file, gone from its write-ahead log.
        ``for_good``: no key is made for them again (erasure; the retention purge is not)."""
        from shared.privacy.storage import empty_wal

        with self._lock:
            self._db.executemany(
                "DELETE FROM participant_keys WHERE participant_id = ?",
                [(pid,) for pid in participant_ids],
            )
            if for_good:
                self._db.executemany(
                    "INSERT OR IGNORE INTO erased VALUES (?)", [(pid,) for pid in participant_ids]
                )
            empty_wal(self._db)
        for pid in participant_ids:
            self._cache.pop(pid, None)

    def is_erased(self, participant_id: str) -> bool:
        with self._lock:
            found = self._db.execute(
                "SELECT 1 FROM erased WHERE participant_id = ?", (participant_id,)
            ).fetchone()
        return found is not None

    def holders(self) -> set[str]:
        """The participants who have a key (the retention purge erases these)."""
        with self._lock:
            return {
                row[0] for row in self._db.execute("SELECT participant_id FROM participant_keys")
            }
