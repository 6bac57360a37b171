"""Where journals are kept: eventsourcing applications on SQLite (or PostgreSQL by configuration).

Persistence follows eventsourcing's own convention: set ``PERSISTENCE_MODULE`` (and its
``POSTGRES_*`` settings) in the environment to move a hub to PostgreSQL; with nothing set, every
node keeps an embedded SQLite file in its data folder.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from eventsourcing.application import Application
from eventsourcing.persistence import StoredEvent, Tracking
from eventsourcing.system import ProcessApplication

from shared.journal import Journal  # the aggregate put together from every room

READ_CHUNK = 1000


def persistence_env(path: Path) -> dict[str, str]:
    """SQLite at ``path`` unless the environment already chose another persistence module."""
    module = os.environ.get("PERSISTENCE_MODULE", "")
    if module and module != "eventsourcing.sqlite":
        return {}
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(path),
        # Writers queue behind each other for a while instead of failing at once when a
        # backup or a second reader holds the database.
        "SQLITE_LOCK_TIMEOUT": os.environ.get("BORS_SQLITE_LOCK_TIMEOUT", "10"),
    }


class DamagedDatabase(RuntimeError):
    """A database file failed SQLite's integrity check: it must not be used or synced."""

    def __init__(self, path: Path, detail: str):
        super().__init__(f"{path} is damaged: {detail}")
        self.path = path
        self.detail = detail


def check_integrity(path: Path) -> None:
    """Run SQLite's ``quick_check`` on ``path`` (if it exists); raise :class:`DamagedDatabase`.

    Opened read-only so that a damaged file is never written to on the way.
    """
    if not path.exists():
        return
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DamagedDatabase(path, str(error)) from None
    if rows != ["ok"]:
        raise DamagedDatabase(path, "; ".join(str(r) for r in rows[:5]))


class JournalStore(Application):
    """A device's own journal, plus (on the hub) every journal it has received."""

    snapshotting_intervals = {Journal: 500}  # noqa: RUF012 - eventsourcing reads a class attribute

    def __init__(self, path: Path):
        super().__init__(env=persistence_env(path))
        self.write_lock = threading.RLock()

    def open_journal(self, device_id: uuid.UUID, role: str, name: str) -> Journal:
        """Load this device's journal, starting it on first use."""
        try:
            return self.repository.get(device_id)
        except Exception as error:  # eventsourcing raises AggregateNotFoundError
            if type(error).__name__ != "AggregateNotFoundError":
                raise
        journal = Journal(device_id=str(device_id), role=role, name=name)
        self.save(journal)
        return journal

    def head(self) -> int:
        return self.recorder.max_notification_id() or 0

    def read(self, after: int, limit: int = READ_CHUNK):
        """Notifications after position ``after``, oldest first."""
        return self.recorder.select_notifications(after + 1, limit)

    def read_all(self, after: int = 0) -> Iterator:
        while True:
            chunk = self.read(after, READ_CHUNK)
            if not chunk:
                return
            yield from chunk
            after = chunk[-1].id

    def insert(self, stored_events: list[StoredEvent]) -> None:
        """Append events received from elsewhere, keeping their origin and sequence. Atomic."""
        with self.write_lock:
            self.recorder.insert_events(stored_events)


class MirrorStore(ProcessApplication):
    """A kiosk's copy of the hub's log, with the hub position it has reached.

    Events and the position are written in one transaction (eventsourcing's tracking record),
    so a kiosk killed mid-pull resumes exactly where its copy ends.
    """

    name = "HubMirror"
    UPSTREAM = "hub"

    def __init__(self, path: Path):
        super().__init__(env=persistence_env(path))

    def position(self, upstream: str = UPSTREAM) -> int:
        """``upstream``: the hub's log by name (a restored hub serves a new one, hub.recovery)."""
        return self.recorder.max_tracking_id(upstream) or 0

    def append(
        self, stored_events: list[StoredEvent], position: int, upstream: str = UPSTREAM
    ) -> None:
        self.recorder.insert_events(stored_events, tracking=Tracking(upstream, position))

    def read(self, after: int, limit: int = READ_CHUNK):
        return self.recorder.select_notifications(after + 1, limit)
