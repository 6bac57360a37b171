"""Backups that exist when needed: ``bors hub --backup-to DIR [--backup-every MINUTES]``.

While the hub runs, a thread writes an encrypted backup (:mod:`hub.backup.sealed`) of the data
folder into DIR (a USB stick, another disk, a folder synced elsewhere) when the hub starts and
then every few minutes (5 by default), but only when something in the folder changed since the
last one, so the quiet weeks before the evening do not fill the stick. It keeps the last
``keep`` backups and deletes older ones of its own (never another file in DIR). The organiser
sees the last backup's time, place and any failure on the devices page and in ``/api/stats``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from hub.backup.archive import BackupRefused, write_backup
from hub.backup.sealed import Sealed, folder_key, key_text

log = logging.getLogger(__name__)

PREFIX = "frivilligbors-backup-"
SUFFIX = ".bors"
DEFAULT_EVERY_MINUTES = 5.0
DEFAULT_KEEP = 12  # an hour of backups at the default pace


@dataclass
class BackupStatus:
    target: str
    every_minutes: float
    last_at: str | None = None  # ISO time of the last backup written and read back
    last_file: str | None = None
    last_size: int | None = None
    kept: int = 0
    error: str | None = None  # the last attempt's failure, until one succeeds

    def as_dict(self) -> dict:
        return asdict(self)


def backups_in(target: Path) -> list[Path]:
    """This hub's periodic backups in ``target``, oldest first (their names sort by time)."""
    return sorted(target.glob(f"{PREFIX}*{SUFFIX}"))


class PeriodicBackup(threading.Thread):
    def __init__(
        self,
        folder: Path,
        target: Path,
        every_minutes: float = DEFAULT_EVERY_MINUTES,
        keep: int = DEFAULT_KEEP,
        say: Callable[[str], None] = print,
    ):
        super().__init__(name="backup", daemon=True)
        self.folder, self.target, self.keep = folder, target, max(1, keep)
        self.every = max(1.0, every_minutes * 60)
        key, made = folder_key(folder, create=True)
        if made:  # once: the spare laptop needs it, and this folder may be what is lost
            say(
                "Backup key (write it down and keep it away from the laptop; a restore on "
                f"another machine needs it): {key_text(key)}"
            )
        self.wrapping = Sealed(key)
        self.status = BackupStatus(str(target), every_minutes)
        self._stop = threading.Event()
        self._seen: tuple | None = None

    def stop(self) -> None:
        self._stop.set()
        self.join(timeout=30)

    def run(self) -> None:
        while not self._stop.is_set():
            self.backup_if_changed()
            self._stop.wait(self.every)

    def _fingerprint(self) -> tuple:
        """Changes when any file of the folder does (the log's WAL included)."""
        found = []
        for path in sorted(self.folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                found.append((str(path.relative_to(self.folder)), stat.st_size, stat.st_mtime_ns))
        return tuple(found)

    def backup_if_changed(self) -> bool:
        seen = self._fingerprint()
        if seen == self._seen and self.status.error is None:
            return False
        try:
            self.backup_now()
        except (BackupRefused, OSError) as failed:
            self.status.error = getattr(failed, "message", None) or str(failed)
            log.warning("backup into %s failed: %s", self.target, self.status.error)
            return False
        self._seen = seen
        return True

    def backup_now(self) -> Path:
        now = dt.datetime.now().astimezone()
        name = f"{PREFIX}{now.strftime('%Y%m%d-%H%M%S-%f')}{SUFFIX}"
        destination = self.target / name
        write_backup(self.folder, destination, self.wrapping)
        self._prune()
        self.status.last_at = now.isoformat(timespec="seconds")
        self.status.last_file = str(destination)
        self.status.last_size = destination.stat().st_size
        self.status.kept = len(backups_in(self.target))
        self.status.error = None
        return destination

    def _prune(self) -> None:
        for old in backups_in(self.target)[: -self.keep]:
            old.unlink(missing_ok=True)
