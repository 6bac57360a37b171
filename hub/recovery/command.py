"""``bors hub recover --data DIR --backup FILE``: a new laptop becomes the hub of a running
evening.

1. The backup goes into DIR, checked as ``bors hub restore`` checks it (an encrypted one needs
   its key in ``BORS_BACKUP_KEY``): settings, paired devices and their keys, the contact vault
   and its keys, and the hub's own identity (its id and keys), so the tablets find the same
   hub and follow it without pairing again.
2. The restored log gets a new name (hub.recovery.epoch): each tablet pushes what the hub lacks
   of its own journal, relays every event of the other devices it mirrored (checked here by
   their authors' signatures, hub.sync.relay), and mirrors the new log from its start.
3. It serves as ``bors hub`` does and prints a line per device as its events come back.

Run again on the same DIR (the spare restarted) it goes on with what DIR holds, restoring
nothing. Exit codes: 2 refused (not a backup, wrong key, DIR holds another hub), as restore.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hub.backup.archive import BackupRefused, check_file
from hub.backup.command import EXIT_REFUSED, describe, restore
from hub.backup.sealed import given_key
from hub.folder import FolderInUse, FolderLock


def prepare(data: Path, backup: Path, out: Callable[[str], None]) -> bool:
    """Restore the backup into ``data`` (held by the caller's lock) unless it is this hub's
    folder already; whether the spare may go on to serve."""
    try:
        key = given_key(data)
        if (data / "device-id").is_file():
            return _going_on(data, check_file(backup, key).hub, out)
        restored = restore(data, backup, key=key)
    except BackupRefused as refused:
        out(f"Not recovered: {refused.message}")
        return False
    out(f"Restored {backup} into {data}: {describe(restored.found)}")
    out(f"This laptop is now hub {restored.manifest.hub}; the tablets follow it as they find it.")
    return True


def _going_on(data: Path, hub: str, out: Callable[[str], None]) -> bool:
    if (data / "device-id").read_text().strip() != hub:
        out(f"Not recovered: {data} holds another hub; give an empty folder")
        return False
    out(f"Going on with the recovery in {data} (the backup is not restored again)")
    return True


def run_recover(data: Path, backup: Path, serve_hub: Callable[[], int], out) -> int:
    data.mkdir(parents=True, exist_ok=True)
    try:
        lock = FolderLock(data).acquire()
    except FolderInUse as in_use:
        out(f"Not recovered: {in_use}; one hub per data folder")
        return EXIT_REFUSED
    try:
        if not prepare(data, backup, out):
            return EXIT_REFUSED
        return serve_hub()
    finally:
        lock.release()
