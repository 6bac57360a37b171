"""The name of the log a hub serves, so tablets can tell a restored log from the one they had.

A hub that was never restored has none (``""``): tablets mirror it as they always did. A
restore or a recovery writes a fresh random name; the pull answer carries it (``log``).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from shared.core.files import write_private

EPOCH_FILE = "log-epoch"


def epoch_of(folder: Path) -> str:
    try:
        return (folder / EPOCH_FILE).read_text().strip()
    except OSError:
        return ""


def new_epoch(folder: Path) -> str:
    epoch = secrets.token_hex(8)
    write_private(folder / EPOCH_FILE, epoch + "\n")
    return epoch
