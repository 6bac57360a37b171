"""The device board (issue 17 item 5): what each tablet last told the hub of itself.

A tablet sends a few words about itself with each pull (``status``: its pending events, its
release, its clock, its battery when its browser tells): the hub keeps the last of them per
device in memory (it is a live view: a restarted hub learns it again within a second of each
tablet's next pull), with the offset between the tablet's clock and the hub's. The last
contact itself is the device registry's (``last_seen``, written for every sealed request).
During the hour a tablet silent for two minutes is flagged for the organiser.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

SILENT_SECONDS = 120


@dataclass
class Told:
    pending: int | None = None
    version: str | None = None
    clock_offset: float | None = None  # seconds the tablet's clock is ahead of the hub's
    battery: int | None = None  # percent, when the tablet's browser tells
    charging: bool | None = None


def _number(value: object, low: float, high: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if low <= value <= high else None


def read_status(raw: object, received: float) -> Told | None:
    """What a pull's ``status`` says, each field checked; None when there is none."""
    if not isinstance(raw, dict):
        return None
    pending = _number(raw.get("pending"), 0, 2**31)
    clock = _number(raw.get("clock"), 0, 2**40)
    battery = _number(raw.get("battery"), 0, 100)
    version = raw.get("version")
    charging = raw.get("charging")
    return Told(
        pending=int(pending) if pending is not None else None,
        version=version[:20] if isinstance(version, str) else None,
        clock_offset=round(clock - received, 1) if clock is not None else None,
        battery=int(battery) if battery is not None else None,
        charging=charging if isinstance(charging, bool) else None,
    )


class Board:
    def __init__(self) -> None:
        self._told: dict[str, Told] = {}
        self._lock = threading.Lock()

    def note(self, device_id: str, raw: object) -> None:
        told = read_status(raw, time.time())
        if told is not None:
            with self._lock:
                self._told[device_id] = told

    def told(self, device_id: str) -> Told:
        with self._lock:
            return self._told.get(device_id, Told())


def silent_for(last_seen: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds since a device's last contact (None: never seen)."""
    if not last_seen:
        return None
    now = now or dt.datetime.now(dt.UTC)
    seen = dt.datetime.fromisoformat(last_seen)
    if seen.tzinfo is None:
        seen = seen.replace(tzinfo=dt.UTC)
    return max(0.0, (now - seen).total_seconds())


def rows(devices: list, board: Board, during_hour: bool) -> list[dict]:
    """One row per paired device for the page and the API."""
    shown = []
    for device in devices:
        silent = silent_for(device.last_seen)
        told = board.told(device.device_id)
        shown.append(
            {
                "device": device,
                "told": told,
                "silent_seconds": None if silent is None else int(silent),
                "silent_warning": bool(
                    during_hour
                    and not device.revoked
                    and (silent is None or silent >= SILENT_SECONDS)
                ),
            }
        )
    return shown
