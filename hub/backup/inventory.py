"""What "nothing lost" is checked against, read from a data folder: counts and a log digest.

The digest is the SHA-256 of every stored event, each as its origin, its sequence, its type
and its exact stored bytes, in (origin, sequence) order: the identity an event keeps wherever
it travels, never SQLite's row numbers (a VACUUM may renumber them). Two folders with the same
digest hold the same log, event for event and byte for byte.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

LOG = "hub.sqlite"
VAULT = "contacts.sqlite"


@dataclass
class Inventory:
    events: int = 0
    log_digest: str = ""
    events_by_type: dict[str, int] = field(default_factory=dict)
    participants: int = 0
    signed_up: int = 0
    deals: int = 0
    contact_keys: int = 0
    files: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Inventory:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    def differences(self, other: Inventory) -> list[str]:
        """What differs, in words (``"events: 1200 in the backup, 1199 here"``)."""
        mine, theirs = self.as_dict(), other.as_dict()
        return [
            f"{name}: {mine[name]} in the backup, {theirs[name]} here"
            for name in mine
            if mine[name] != theirs[name]
        ]


def _log_facts(path: Path) -> tuple[int, str, dict[str, int]]:
    digest = hashlib.sha256()
    by_type: Counter = Counter()
    count = 0
    db = sqlite3.connect(path)
    try:
        rows = db.execute(
            "SELECT originator_id, originator_version, topic, state FROM stored_events "
            "ORDER BY originator_id, originator_version"
        )
        for origin, version, topic, state in rows:
            count += 1
            by_type[topic.rsplit(".", 1)[-1].rsplit(":", 1)[-1]] += 1
            for part in (str(origin), str(version), topic):
                digest.update(part.encode() + b"\0")
            digest.update(bytes(state) + b"\0")
    finally:
        db.close()
    return count, digest.hexdigest(), dict(sorted(by_type.items()))


def _contact_keys(path: Path) -> int:
    if not path.is_file():
        return 0
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT COUNT(*) FROM participant_keys").fetchone()[0]
    except sqlite3.OperationalError:  # a vault that was never written
        return 0
    finally:
        db.close()


def _folded(folder: Path) -> tuple[int, int, int]:
    """Participants, sign-ups and deals as the hub folds them from this folder's log."""
    from hub.service import Hub

    hub = Hub(folder)
    try:
        participants = hub.evening.participants
        return len(participants), participants.signed_up_count(), hub.evening.deals.counted
    finally:
        hub.close()


def inventory_of(folder: Path, files: int) -> Inventory:
    """The inventory of a hub's folder (not being written: a snapshot or a restored copy)."""
    events, digest, by_type = _log_facts(folder / LOG)
    participants, signed_up, deals = _folded(folder)
    return Inventory(
        events=events,
        log_digest=digest,
        events_by_type=by_type,
        participants=participants,
        signed_up=signed_up,
        deals=deals,
        contact_keys=_contact_keys(folder / VAULT),
        files=files,
    )


def event_identities(folder: Path) -> set[tuple[str, int]]:
    """Every (origin, sequence) held in a folder's log (empty when it has none)."""
    path = folder / LOG
    if not path.is_file():
        return set()
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT originator_id, originator_version FROM stored_events")
        return {(str(origin), int(version)) for origin, version in rows}
    except sqlite3.OperationalError:
        return set()
    finally:
        db.close()
