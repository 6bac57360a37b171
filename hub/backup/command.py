"""``bors hub backup --data DIR --to FILE`` and ``bors hub restore --data DIR FILE``.

A restore unpacks into a folder beside DIR, checks every file against the manifest and the
unpacked hub's inventory against the one taken at backup time, and only then moves it into
DIR. A DIR that already holds a hub is kept aside (``DIR.before-restore-<time>``), never
deleted; and when it holds events the backup does not (sign-ups that came in after the
backup was taken), the restore is refused unless ``--replace`` says to keep them aside anyway.

Exit codes: 0 done and checked; 2 refused (not a backup, damaged, a hub running on DIR,
events only DIR holds), nothing changed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hub.backup.archive import BackupRefused, Manifest, unpack, write_backup
from hub.backup.contents import files_of
from hub.backup.inventory import Inventory, event_identities, inventory_of
from hub.backup.sealed import given_key
from hub.folder import LOCK_FILE, FolderInUse, FolderLock
from hub.recovery.epoch import new_epoch

EXIT_OK, EXIT_REFUSED = 0, 2


@dataclass
class Restored:
    manifest: Manifest
    found: Inventory
    kept_aside: Path | None


def describe(inventory: Inventory) -> str:
    return (
        f"{inventory.events} events (log digest {inventory.log_digest[:16]}), "
        f"{inventory.participants} participants ({inventory.signed_up} signed up), "
        f"{inventory.deals} deals, {inventory.contact_keys} contact keys, "
        f"{inventory.files} files"
    )


def run_backup(data: Path, to: Path, out: Callable[[str], None]) -> int:
    try:
        manifest = write_backup(data, to)
    except (BackupRefused, OSError) as refused:
        out(f"Not backed up: {getattr(refused, 'message', refused)}")
        return EXIT_REFUSED
    size = to.stat().st_size / 1_000_000
    out(f"Backed up {data} into {to} ({size:.1f} MB): {describe(manifest.inventory)}")
    out("Read back and checked: every file matches the manifest.")
    return EXIT_OK


def run_restore(data: Path, file: Path, replace: bool, out: Callable[[str], None]) -> int:
    try:
        with FolderLock(data):
            restored = restore(data, file, replace, given_key(data))
    except FolderInUse as in_use:
        out(f"Not restored: {in_use}; stop it first")
        return EXIT_REFUSED
    except BackupRefused as refused:
        out(f"Not restored: {refused.message}")
        return EXIT_REFUSED
    out(f"Restored {file} into {data}: {describe(restored.found)}")
    out("Checked: the same counts and log digest as when the backup was made; nothing lost.")
    if restored.kept_aside:
        out(f"What the folder held before is kept in {restored.kept_aside}")
    return EXIT_OK


def restore(data: Path, file: Path, replace: bool = False, key: bytes | None = None) -> Restored:
    """Put the backup ``file`` into ``data`` (held by the caller's :class:`FolderLock`).
    ``key`` reads an encrypted backup. The restored log is a new one for the tablets (its
    positions may differ from what they mirrored): hub.recovery.epoch."""
    staging = data.parent / f".{data.name}.restoring-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    try:
        manifest = unpack(file, staging, key)
        found = inventory_of(staging, len(files_of(staging)))
        if differences := manifest.inventory.differences(found):
            raise BackupRefused("damaged_backup", "; ".join(differences))
        kept_aside = _keep_aside(data, staging, replace)
        for entry in staging.iterdir():
            os.replace(entry, data / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # Counted by the manifest's names: opening the hub to fold its log may add a file of its own
    after = inventory_of(data, sum((data / name).is_file() for name in manifest.files))
    if differences := manifest.inventory.differences(after):  # a disk that lied on the move
        raise BackupRefused("damaged_backup", "after the move: " + "; ".join(differences))
    new_epoch(data)
    return Restored(manifest, after, kept_aside)


def _keep_aside(data: Path, staging: Path, replace: bool) -> Path | None:
    held = [entry for entry in data.iterdir() if entry.name != LOCK_FILE]
    if not held:
        return None
    only_here = event_identities(data) - event_identities(staging)
    if only_here and not replace:
        raise BackupRefused(
            "events_only_here",
            f"{data} holds {len(only_here)} events the backup does not (newer than it?); "
            "give --replace to keep them aside and restore anyway",
        )
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = data.parent / f"{data.name}.before-restore-{stamp}"
    number = 1
    while aside.exists():  # two restores in one second
        number += 1
        aside = data.parent / f"{data.name}.before-restore-{stamp}-{number}"
    aside.mkdir(mode=0o700)
    for entry in held:
        os.replace(entry, aside / entry.name)
    return aside
