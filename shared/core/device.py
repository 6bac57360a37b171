"""A device's identity and its clock: who wrote an event, and when it thinks that was.

Each device (every kiosk tablet and the hub laptop) makes a random id once and keeps it in its
data folder. Its clock may be wrong (promise 7): events carry the device's time for the record,
while order comes from each device's own sequence.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import os
import uuid
from pathlib import Path

from shared.core.files import write_private

ROLE_KIOSK = "kiosk"
ROLE_HUB = "hub"
ROLES = (ROLE_KIOSK, ROLE_HUB)
SOFTWARE_VERSION = "0.2"

CLOCK_SKEW_ENV = "BORS_CLOCK_SKEW_SECONDS"
ID_FILE = "device-id"


def load_or_create_device_id(data_dir: Path) -> uuid.UUID:
    path = data_dir / ID_FILE
    if path.exists():
        return uuid.UUID(path.read_text().strip())
    device_id = uuid.uuid4()
    write_private(path, str(device_id))
    return device_id


def device_now() -> dt.datetime:
    """This device's idea of now: the time every event it writes carries.

    ``BORS_CLOCK_SKEW_SECONDS`` shifts it, to play a tablet whose clock is wrong (tests and
    trials only): nothing may depend on device times being right (promise 7).
    """
    now = dt.datetime.now(dt.UTC)
    skew = os.environ.get(CLOCK_SKEW_ENV)
    return now + dt.timedelta(seconds=float(skew)) if skew else now


@functools.lru_cache(maxsize=4096)  # called for every deal folded: base32 of a UUID is slow
def device_tag(device_id: uuid.UUID | str) -> str:
    """Three letters naming a device on screen and in deal numbers ("K7Q-12")."""
    raw = uuid.UUID(str(device_id)).bytes
    return base64.b32encode(raw[:5]).decode()[:3]


def event_ref(ev) -> str:
    """The identity of one event anywhere in the system: ``<device id>/<sequence>``."""
    return f"{ev.originator_id}/{ev.originator_version}"
