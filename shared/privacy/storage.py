"""Rewriting what a SQLite event store holds about erased participants, so that no file keeps it.

eventsourcing's SQLite stores keep each event's state as JSON in ``stored_events`` (the hub's
log, a tablet's journal and its mirror of the hub's log alike). Erasure rewrites the state of
every event about the participant in place (same row, same ``(device, sequence)``, same
notification id), with ``secure_delete`` on so the old bytes are zeroed rather than left in free
pages, and then truncates the write-ahead log, where older copies of those pages would
otherwise stay readable until the next checkpoint.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from shared.privacy.redaction import PERSONAL_FIELDS, about, redact_state

CHECKPOINT_TRIES = 50


def open_for_shredding(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    connection.execute("PRAGMA secure_delete=ON")
    return connection


def shred_events(path: Path, participant_ids: Iterable[str], fields=tuple(PERSONAL_FIELDS)) -> int:
    """Rewrite every stored event about these participants; returns how many rows changed.

    The caller holds the store's write lock (nothing else writes meanwhile). Idempotent: an
    event already rewritten is left as it is, so a shredding cut short is simply run again.
    """
    if not path.exists():
        return 0
    wanted = sorted(set(participant_ids))
    connection = open_for_shredding(path)
    changed = 0
    try:
        connection.execute("BEGIN IMMEDIATE")
        for pid in wanted:
            rows = connection.execute(
                "SELECT rowid, state FROM stored_events WHERE instr(state, ?) > 0", (pid.encode(),)
            ).fetchall()
            for rowid, state in rows:
                held = json.loads(state)
                if about(held) != pid:
                    continue  # a deal or a ruling that names them: no personal fields
                clean = redact_state(held, fields)
                if clean != held:
                    connection.execute(
                        "UPDATE stored_events SET state = ? WHERE rowid = ?",
                        (json.dumps(clean, separators=(",", ":")).encode(), rowid),
                    )
                    changed += 1
        connection.execute("COMMIT")
        empty_wal(connection)
    finally:
        connection.close()
    return changed


def shred_everyone(path: Path, fields=tuple(PERSONAL_FIELDS)) -> int:
    """Rewrite every event about any participant (a tablet forgetting a closed evening)."""
    if not path.exists():
        return 0
    connection = open_for_shredding(path)
    try:
        ids = {
            pid
            for (state,) in connection.execute(
                "SELECT state FROM stored_events WHERE instr(state, ?) > 0", (b'"participant_id"',)
            )
            if (pid := about(json.loads(state)))
        }
    finally:
        connection.close()
    return shred_events(path, ids, fields)


def empty_wal(connection: sqlite3.Connection) -> None:
    """Checkpoint and truncate the write-ahead log (readers of an older snapshot may hold it a
    moment: try again until they let go)."""
    for _ in range(CHECKPOINT_TRIES):
        busy, _log, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return
        time.sleep(0.05)
    raise sqlite3.OperationalError("the write-ahead log is held by a reader; erase again")


def erase_rows(path: Path, table: str, column: str, values: Iterable[str]) -> None:
    """Delete rows (a participant's key) with their bytes zeroed and the WAL emptied."""
    connection = open_for_shredding(path)
    try:
        connection.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(v,) for v in values])
        empty_wal(connection)
    finally:
        connection.close()
