"""What the spare hub prints as the tablets arrive: per device, the events it now holds and
how many came back since the backup, and the deals counted in all.

    recovered: Nettbrett 3 (3f2a…): 412 events, +37 since the backup; 1,204 deals counted

Read from the log on a connection of its own, once a second, a line only when a count moved.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

from hub.service import Hub

INTERVAL = 1.0


def held_per_device(hub: Hub) -> dict[str, int]:
    db = sqlite3.connect(f"file:{hub.data_dir / 'hub.sqlite'}?mode=ro", uri=True, timeout=5)
    try:
        rows = db.execute(
            "SELECT originator_id, COUNT(*) FROM stored_events GROUP BY originator_id"
        ).fetchall()
    finally:
        db.close()
    return {str(origin): count for origin, count in rows}


class RecoveryReport(threading.Thread):
    def __init__(self, hub: Hub, say: Callable[[str], None] = print, paired=None):
        """``paired``: the app's device registry, for the names the organiser gave tablets."""
        super().__init__(name="recovery-report", daemon=True)
        self.hub, self.say, self.paired = hub, say, paired
        self.from_backup = held_per_device(hub)
        self.seen = dict(self.from_backup)
        self._stop = threading.Event()
        total = sum(self.from_backup.values())
        say(
            f"recovering: {total} events of {len(self.from_backup)} devices from the backup, "
            f"{hub.evening.deals.counted} deals counted; waiting for the tablets"
        )

    def stop(self) -> None:
        self._stop.set()
        self.join(timeout=5)

    def run(self) -> None:
        while not self._stop.wait(INTERVAL):
            try:
                self.report_changes()
            except sqlite3.Error:  # the hub writing at this very moment: next second
                continue

    def _paired_name(self, device: str) -> str:
        known = self.paired.get(device) if self.paired is not None else None
        return known.name if known is not None and known.name else "device"

    def report_changes(self) -> list[str]:
        now = held_per_device(self.hub)
        lines = []
        for device, count in sorted(now.items()):
            if count == self.seen.get(device):
                continue
            name = self.hub.evening.devices.name_of(device) or self._paired_name(device)
            back = count - self.from_backup.get(device, 0)
            lines.append(
                f"recovered: {name} ({device[:8]}): {count} events, +{back} since the backup; "
                f"{self.hub.evening.deals.counted} deals counted"
            )
        me = str(self.hub.device_id)
        if now.get(me) != self.seen.get(me):  # the hub's own events, relayed back by a tablet
            with self.hub.store.write_lock:
                self.hub.journal = self.hub.store.repository.get(self.hub.device_id)
        self.seen = now
        for line in lines:
            self.say(line)
        return lines
