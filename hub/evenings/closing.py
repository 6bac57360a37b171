"""Closing the evening and starting the next one on the same hub (``bors hub new-evening``).

Run with the folder lock held (the hub stopped, :mod:`hub.folder`): the current store is frozen
into the archive, a fresh store is started under the same hub identity, and what carries over
is recorded on it (:mod:`hub.evenings.carry`). The tablets' reach into the closed evening is
remembered (the floors), and the log gets a new name so tablets know it is another log.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from hub.evenings import archive, carry
from hub.recovery.epoch import new_epoch
from hub.service import Hub


@dataclass(frozen=True)
class NextEvening:
    archived: archive.ArchivedEvening
    participants: int  # carried over into the new register
    records: int


def _remove_store(data_dir: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = data_dir / f"{archive.STORE}{suffix}"
        if path.exists():
            os.remove(path)


def start_next_evening(data_dir: Path, next_date: str = "", today: dt.date | None = None):
    """Close the evening held in ``data_dir`` and start the next one; what was done."""
    today = today or dt.date.today()
    old = Hub(data_dir)
    try:
        evening_id = archive.new_id(data_dir, (old.evening.settings or {}).get("date", ""))
        events = old.store.head()
        positions = dict(old.positions)
        hub_id = str(old.device_id)
        old.store.close()
        frozen = archive.freeze(data_dir, evening_id, old.evening, events)
        archive.check(frozen)  # the copy is the store, byte for byte, before it is let go
        archive.raise_floors(data_dir, positions, hub_id)
        _remove_store(data_dir)
        new_epoch(data_dir)
        fresh = Hub(data_dir)
        try:
            counts = fresh.record(
                lambda journal: carry.carry_over(
                    journal, old.evening, _opener(old), next_date, today
                )
            )
        finally:
            fresh.close()
    finally:
        old.contacts.close()
    return NextEvening(frozen, counts["participants"], counts["records"])


def _opener(hub: Hub):
    def contact_of(participant_id: str, sealed: str) -> dict | None:
        return hub.contacts.open(participant_id, sealed)

    return contact_of
