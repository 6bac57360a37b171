"""Where the outbox keeps its events: an eventsourcing application of its own.

Not the hub's journal: that log is copied to every tablet, and mail holds addresses, names and
deals. ``mail.sqlite`` sits in the hub's data folder, with persistence chosen as the hub's own
(:func:`shared.core.store.persistence_env`): on PostgreSQL it is the ``mailstore_events``
table (``MAILSTORE_POSTGRES_DBNAME`` and the like move it elsewhere).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from eventsourcing.application import Application

from shared.core.store import READ_CHUNK, persistence_env


class MailStore(Application):
    name = "MailStore"

    def __init__(self, path: Path):
        super().__init__(env=persistence_env(path))
        self.write_lock = threading.RLock()

    def holds(self, aggregate_id: uuid.UUID) -> bool:
        return bool(self.recorder.select_events(aggregate_id, limit=1))

    def read_after(self, position: int) -> Iterator:
        while True:
            chunk = self.recorder.select_notifications(position + 1, READ_CHUNK)
            if not chunk:
                return
            yield from chunk
            position = chunk[-1].id
