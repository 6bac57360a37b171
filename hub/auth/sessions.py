"""The organiser's sessions, kept on the hub so that logging out really ends one.

A signed cookie alone cannot be taken back: a copy made before logout (a shared laptop, a
browser's saved tabs) would keep reading participants and exports until it expired. So the
cookie carries only a random session id, and the hub keeps the live ones (``sessions.sqlite``
in the data folder, so a restarted hub keeps its organiser logged in). A session ends at
logout, after :data:`IDLE_LIMIT` without a request, or :data:`ABSOLUTE_LIMIT` after login,
whichever comes first; the cookie is sent with the same end (:class:`OrganiserCookies`), so the
browser forgets it when the hub does. Only a digest of each id is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import sqlite3
import threading
import time
from pathlib import Path

from flask import g
from flask.sessions import SecureCookieSessionInterface

IDLE_LIMIT = 2 * 3600
ABSOLUTE_LIMIT = 12 * 3600
TOUCH_EVERY = 30.0  # seconds: how stale ``seen_at`` may be (saves a write per page)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    digest BLOB PRIMARY KEY,
    login_at REAL NOT NULL,
    seen_at REAL NOT NULL
);
"""


def _digest(session_id: str) -> bytes:
    return hashlib.blake2b(session_id.encode(), digest_size=32).digest()


def ends_at(login_at: float, seen_at: float) -> float:
    return min(seen_at + IDLE_LIMIT, login_at + ABSOLUTE_LIMIT)


class SessionStore:
    """Live organiser sessions: started at login, checked on every organiser request."""

    def __init__(self, data_dir: Path):
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            data_dir / "sessions.sqlite", check_same_thread=False, isolation_level=None, timeout=10
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def start(self) -> str:
        session_id = secrets.token_urlsafe(32)
        now = time.time()
        g.session_ends = ends_at(now, now)
        with self._lock:
            self._db.execute("DELETE FROM sessions WHERE seen_at < ?", (now - IDLE_LIMIT,))
            self._db.execute(
                "INSERT INTO sessions (digest, login_at, seen_at) VALUES (?, ?, ?)",
                (_digest(session_id), now, now),
            )
        return session_id

    def check(self, session_id: object) -> float | None:
        """When this session ends (epoch seconds) if it is live, else None. A live session
        counts as seen now (written at most every :data:`TOUCH_EVERY` seconds, and the end
        told is the one written, so the cookie never outlives the hub's session)."""
        if not isinstance(session_id, str):
            return None
        now, digest = time.time(), _digest(session_id)
        with self._lock:
            row = self._db.execute(
                "SELECT login_at, seen_at FROM sessions WHERE digest = ?", (digest,)
            ).fetchone()
            if row is None:
                return None
            login_at, seen_at = row
            if now >= ends_at(login_at, seen_at):
                self._db.execute("DELETE FROM sessions WHERE digest = ?", (digest,))
                return None
            if now - seen_at > TOUCH_EVERY:
                seen_at = now
                self._db.execute("UPDATE sessions SET seen_at = ? WHERE digest = ?", (now, digest))
        return ends_at(login_at, seen_at)

    def end(self, session_id: object) -> None:
        if isinstance(session_id, str):
            with self._lock:
                self._db.execute("DELETE FROM sessions WHERE digest = ?", (_digest(session_id),))

    def end_all(self) -> None:
        with self._lock:
            self._db.execute("DELETE FROM sessions")

    def close(self) -> None:
        self._db.close()


class OrganiserCookies(SecureCookieSessionInterface):
    """The session cookie expires when the hub ends the session (``g.session_ends``, set by
    the check of this request), not later."""

    def get_expiration_time(self, app, session) -> dt.datetime | None:
        ends = g.get("session_ends")
        if ends is None:
            return super().get_expiration_time(app, session)
        return dt.datetime.fromtimestamp(ends, dt.UTC)
