"""Which files of a hub's data folder a backup holds, and a consistent copy of them.

Everything in the folder belongs to the hub (the log, the contact vault whose keys are the
only way to read the sealed contact details, the organiser's password, the secrets that sign
personal links and sessions, the hub's pairing keys, the logos, the mail room's store), so
everything is taken except what only makes sense on the running machine: the lock, SQLite's
write-ahead files (folded into the copy by the online backup), half-written ``.tmp`` files,
the name of the restored log (a restore gives a new one), and sheets waiting between an
import's preview and its confirmation.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

from hub.folder import LOCK_FILE

SQLITE_MAGIC = b"SQLite format 3\x00"
SKIPPED_SUFFIXES = ("-wal", "-shm", "-journal", ".tmp")
SKIPPED_FOLDERS = ("imports",)  # hub/imports/pending.py: sheets not yet confirmed
SKIPPED_NAMES = ("log-epoch",)  # hub/recovery/epoch.py: every restore names its log anew


def belongs(relative: Path) -> bool:
    if relative.name in (LOCK_FILE, *SKIPPED_NAMES) or relative.name.endswith(SKIPPED_SUFFIXES):
        return False
    return not (relative.parts and relative.parts[0] in SKIPPED_FOLDERS)


def files_of(folder: Path) -> list[Path]:
    """The folder's files that belong in a backup, relative to it, in a stable order."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not path.is_symlink() and belongs(relative):
            found.append(relative)
    return found


def is_sqlite(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a database another process may be writing (the running hub)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()


def snapshot(folder: Path, into: Path) -> list[Path]:
    """Copy the folder's files into ``into`` (empty); the files copied, relative."""
    copied = files_of(folder)
    for relative in copied:
        source, target = folder / relative, into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if is_sqlite(source):
            copy_sqlite(source, target)
        else:
            shutil.copy2(source, target)
        target.chmod(0o600)
    return copied


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
