"""Small files in a data folder (ids, keys, hashes, positions), written so a crash never leaves
half a file behind and nobody but the owner can read them."""

from __future__ import annotations

import os
from pathlib import Path


def write_private(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` atomically, readable by its owner only (mode 0600).

    Written to a temporary file beside it, flushed to disk, then renamed over the old one: a
    reader sees the old content or the new, never a mix.
    """
    raw = data.encode() if isinstance(data, str) else data
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, raw)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
