"""A device's identity: a random id made once and kept in its data folder."""

from __future__ import annotations

import os
import uuid
from pathlib import Path


def load_or_create_device_id(data_dir: Path) -> uuid.UUID:
    path = data_dir / "device-id"
    if path.exists():
        return uuid.UUID(path.read_text().strip())
    device_id = uuid.uuid4()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(str(device_id))
    os.replace(tmp, path)  # atomic: a crash never leaves half an id behind
    return device_id
