"""The hub's data folder, held by one program at a time.

A running hub (``bors hub``) holds an exclusive lock on ``hub.lock`` in its folder; the
commands that write the folder from outside (``bors hub import``, ``bors hub restore``) take
the same lock, so they refuse while a hub runs there instead of writing the journal under it.
The lock is the kernel's (``flock``): a hub killed with SIGKILL lets it go with its process.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_FILE = "hub.lock"


class FolderInUse(RuntimeError):
    """Another program (a running hub) holds the data folder."""


class FolderLock:
    def __init__(self, data_dir: Path):
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> FolderLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise FolderInUse(f"{self.path.parent} is in use by a running hub") from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FolderLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
