"""The archive of closed evenings: ``evenings/<id>/hub.sqlite`` and its ``manifest.json``.

An archived store is never written again: the file is made read-only and its SHA-256 is kept in
the manifest. Opening one checks the digest first (:class:`ArchiveDamaged` if a byte changed),
then folds a private copy of it (SQLite writes beside a database it opens, even to read), so
the archive's own file is only ever read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hub.backup.contents import copy_sqlite, sha256_of
from shared.core.errors import CodedError
from shared.core.files import write_private
from shared.core.store import JournalStore
from shared.evening import Evening
from shared.privacy.events import ParticipantErased

FOLDER = "evenings"
STORE = "hub.sqlite"
MANIFEST = "manifest.json"
FLOORS = "floors.json"  # per device, the highest sequence the closed evenings hold
ID_PATTERN = re.compile(r"^[0-9A-Za-z-]{1,40}$")


class ArchiveDamaged(CodedError):
    """The archived store is not the one that was closed (its digest differs)."""

    status = 409

    def __init__(self, evening_id: str):
        super().__init__(
            "archive_damaged", f"the archived evening {evening_id} is not the one that was closed"
        )


@dataclass(frozen=True)
class ArchivedEvening:
    id: str
    name: str
    date: str
    closed_at: str
    digest: str
    events: int
    deals: int
    participants: int
    folder: Path

    @property
    def store(self) -> Path:
        return self.folder / STORE


def root(data_dir: Path) -> Path:
    return data_dir / FOLDER


def new_id(data_dir: Path, date: str) -> str:
    """The evening's date (``2026-12-02``), with ``-2``, ``-3`` ... when it is already taken."""
    base = date if ID_PATTERN.match(date or "") else "kveld"
    taken = {e.id for e in archived(data_dir)}
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def freeze(data_dir: Path, evening_id: str, evening: Evening, events: int) -> ArchivedEvening:
    """Copy the hub's store into the archive, read-only, with its digest and headline figures.

    Called with the folder lock held and the hub stopped (or its store closed)."""
    folder = root(data_dir) / evening_id
    folder.mkdir(parents=True, exist_ok=False)
    target = folder / STORE
    copy_sqlite(data_dir / STORE, target)
    target.chmod(0o400)
    settings = evening.settings or {}
    manifest = {
        "id": evening_id,
        "name": settings.get("name", ""),
        "date": settings.get("date", ""),
        "closed_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "digest": sha256_of(target),
        "events": events,
        "deals": evening.deals.counted,
        "participants": evening.participants.unmerged,
    }
    write_private(folder / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    (folder / MANIFEST).chmod(0o400)
    folder.chmod(0o500)
    return _entry(folder)


def _entry(folder: Path) -> ArchivedEvening:
    raw = json.loads((folder / MANIFEST).read_text())
    fields = ("id", "name", "date", "closed_at", "digest", "events", "deals", "participants")
    return ArchivedEvening(**{f: raw[f] for f in fields}, folder=folder)


def archived(data_dir: Path) -> list[ArchivedEvening]:
    """Every closed evening on this hub, oldest first."""
    base = root(data_dir)
    if not base.is_dir():
        return []
    found = [_entry(f) for f in base.iterdir() if (f / MANIFEST).is_file()]
    return sorted(found, key=lambda e: (e.closed_at, e.id))


def find(data_dir: Path, evening_id: str) -> ArchivedEvening | None:
    if not ID_PATTERN.match(evening_id or ""):
        return None
    folder = root(data_dir) / evening_id
    return _entry(folder) if (folder / MANIFEST).is_file() else None


def check(entry: ArchivedEvening) -> None:
    if sha256_of(entry.store) != entry.digest:
        raise ArchiveDamaged(entry.id)


def fold(entry: ArchivedEvening) -> Evening:
    """The archived evening as its projections stood when it was closed (digest checked)."""
    check(entry)
    with tempfile.TemporaryDirectory(prefix="bors-evening-") as scratch:
        copy = Path(scratch) / STORE
        shutil.copyfile(entry.store, copy)
        copy.chmod(0o600)
        store = JournalStore(copy)
        try:
            evening = Evening()
            for notification in store.read_all(0):
                evening.apply(store.mapper.to_domain_event(notification), notification.id)
        finally:
            store.close()
    return evening


class Shelf:
    """The archived evenings a running hub has opened, each folded once (the store never
    changes), with the erasures made since honoured in memory: someone erased after their
    evening was closed shows as "slettet deltaker" in its report too (their vault key is gone,
    ``is_erased``), while the archived bytes, and so the digest, stay as they were."""

    def __init__(self, data_dir: Path, hub_id: uuid.UUID, is_erased: Callable[[str], bool]):
        self.data_dir = data_dir
        self._hub_id = hub_id
        self._is_erased = is_erased
        self._folded: dict[str, Evening] = {}
        self._lock = threading.Lock()

    def evening(self, evening_id: str) -> tuple[ArchivedEvening, Evening] | None:
        entry = find(self.data_dir, evening_id)
        if entry is None:
            return None
        with self._lock:
            if evening_id not in self._folded:
                self._folded[evening_id] = fold(entry)
            folded = self._folded[evening_id]
            self._honour_erasures(folded, entry.events)
            return entry, folded

    def _honour_erasures(self, evening: Evening, head: int) -> None:
        since = [
            pid
            for pid in [p.id for p in evening.participants.values()]
            if not evening.privacy.is_erased(pid) and self._is_erased(pid)
        ]
        for n, pid in enumerate(since, start=1):
            erased = ParticipantErased(
                originator_id=self._hub_id,
                originator_version=head + n,
                timestamp=dt.datetime.now(dt.UTC),
                participant_id=pid,
                why="request",
            )
            evening.apply(erased, head + evening.version + n)


def floors(data_dir: Path) -> dict[str, int]:
    try:
        return {
            str(k): int(v) for k, v in json.loads((root(data_dir) / FLOORS).read_text()).items()
        }
    except (OSError, ValueError):
        return {}


def raise_floors(data_dir: Path, positions: dict[str, int], hub_id: str) -> None:
    """Remember how far each tablet's journal reached in the closed evenings: a tablet that
    sends those events again is told they are held (in the archive), never folded anew. The
    hub's own journal starts afresh each evening, so it has no floor."""
    held = floors(data_dir)
    for device, position in positions.items():
        if device != hub_id:
            held[device] = max(held.get(device, 0), position)
    root(data_dir).mkdir(exist_ok=True)
    write_private(root(data_dir) / FLOORS, json.dumps(held, indent=2, sort_keys=True) + "\n")
