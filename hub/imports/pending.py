"""An uploaded sheet waits in the hub's data folder between its preview and the organiser's
confirmation (the page posts its name back, not the file again), and is deleted once stored.

Its name is the SHA-256 of its bytes, so a name posted back can only name a file that was
uploaded, and the same file uploaded twice is one file. It holds personal data: owner-only,
and anything older than a day is swept away at the next upload.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

from shared.core.files import write_private

FOLDER = "imports"
MAX_AGE = 24 * 3600
_NAME = re.compile(r"^[0-9a-f]{64}$")


class PendingSheets:
    def __init__(self, data_dir: Path):
        self.folder = data_dir / FOLDER

    def keep(self, raw: bytes, filename: str) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._sweep()
        digest = hashlib.sha256(raw).hexdigest()
        write_private(self.folder / digest, raw)
        write_private(self.folder / f"{digest}.name", Path(filename).name[:200])
        return digest

    def read(self, digest: str) -> tuple[bytes, str] | None:
        if not isinstance(digest, str) or not _NAME.match(digest):
            return None
        path = self.folder / digest
        if not path.is_file():
            return None
        name_file = self.folder / f"{digest}.name"
        name = name_file.read_text() if name_file.is_file() else ""
        return path.read_bytes(), name

    def drop(self, digest: str) -> None:
        if _NAME.match(digest or ""):
            for path in (self.folder / digest, self.folder / f"{digest}.name"):
                path.unlink(missing_ok=True)

    def _sweep(self) -> None:
        now = time.time()
        for path in self.folder.iterdir():
            if path.is_file() and now - path.stat().st_mtime > MAX_AGE:
                path.unlink(missing_ok=True)
