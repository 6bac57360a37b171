"""The kiosk's use cases: register, correct and void deals on this tablet, offline first.

Every write is committed to the tablet's own journal before the page answers; the network is
never on that path. The read model folds this tablet's journal together with its mirror of the
hub's log, so the participant picker and the deal list work with the hub away.

Locks: the evening's read-write lock (pages share it, a fold has it alone) and the store's
write lock; a save sets the page's read aside before it waits for the store.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from kiosk import privacy, rehearsal, relay
from kiosk.deals.picker import settle_known_walk_ins
from kiosk.signing import TabletSigner
from shared.core.checks import FieldError, ValidationFailed
from shared.core.device import ROLE_KIOSK, device_tag, load_or_create_device_id
from shared.core.files import write_private
from shared.core.store import JournalStore, MirrorStore, check_integrity
from shared.deals.commands import deal_content_of
from shared.deals.events import DealRegistered
from shared.deals.revisions import DealView
from shared.deals.rules import voids_a_tablet_may_undo
from shared.evening import Evening
from shared.stage.projection import PHASE_AFTER
from shared.sync.protocol import ProtocolError, from_wire, to_wire

SAVED_FORMS_KEPT = 500
# "Connected" only while the hub answered lately: the worker syncs every second, so a hub
# silent for longer than this is not there (it used to read "connected" for the whole 10 s
# read timeout of a hub that stopped answering).
CONTACT_FRESH_SECONDS = 3.0


class UnknownDeal(LookupError):
    pass


@dataclass
class SyncStatus:
    state: str = "searching"  # searching | online | offline | refused
    hub: str | None = None
    last_sync_at: str | None = None
    error_code: str | None = None
    acked: int = 0


class Kiosk:
    def __init__(self, data_dir: Path, name: str | None = None):
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        self.device_id = load_or_create_device_id(data_dir)
        self.tag = device_tag(self.device_id)
        self.signer = TabletSigner(data_dir, str(self.device_id))
        # A damaged journal must stop the tablet before it serves a page or syncs: pushing from
        # it could spread the damage, and brokers must not save deals into it (issue 4, item 8).
        for database in ("kiosk.sqlite", "mirror.sqlite"):
            check_integrity(data_dir / database)
        self.store = JournalStore(data_dir / "kiosk.sqlite")
        self.mirror = MirrorStore(data_dir / "mirror.sqlite")
        self.journal = self.store.open_journal(
            self.device_id, ROLE_KIOSK, name or f"Nettbrett {self.tag}"
        )
        self.evening = Evening()
        self._own_cursor = 0
        self._mine: list[str] = []  # this tablet's deal ids in its own order (its sequence)
        self._mirror_cursor = 0
        self.battery: dict | None = None  # the browser's last word on it (note_battery)
        self.status = SyncStatus(**self._load_status())
        self._contact_at = float("-inf")  # monotonic time the hub last answered
        if self.status.acked > self.journal.version:
            # The journal is older than the note of what the hub holds (restored from a backup):
            # trust the journal, so that what it writes next is offered to the hub, which
            # refuses numbers it already holds for other events instead of losing them.
            self.status.acked = self.journal.version
        self.saved = threading.Event()  # wakes the sync worker after every save
        # The form each save came from (its key) -> the deal it saved: a form sent twice (a
        # second tap, a retry after a timeout) answers with the first save, never a second deal.
        self._saved_forms: OrderedDict[str, str] = OrderedDict()
        self.catch_up()
        rehearsal.install(self)  # a wipe folds the evening afresh from the journal and mirror
        privacy.honour(self)  # what a stop cut short

    def close(self) -> None:
        self.store.close()
        self.mirror.close()

    # --- the read model ---------------------------------------------------------------------------

    def catch_up(self) -> None:
        with self.evening.lock.writing():
            for n in self.store.read_all(self._own_cursor):
                event = self.store.mapper.to_domain_event(n)
                self.evening.apply(event)
                if isinstance(event, DealRegistered):  # each own event is read once
                    self._mine.append(event.deal_id)
                self._own_cursor = n.id
            for n in _read_all(self.mirror, self._mirror_cursor):
                self.evening.apply(self.mirror.mapper.to_domain_event(n))
                self._mirror_cursor = n.id

    def my_deals(self, limit: int | None = None) -> list[DealView]:
        """This tablet's deals, newest first by its own sequence (its clock may be wrong).

        From an index of this tablet's own registrations: the page asks after every save, and
        a scan of every deal the tablet knows (its mirror holds the whole hub's log) grew with
        the log. ``limit`` keeps only the newest.
        """
        ids = self._mine if limit is None else self._mine[-limit:]
        deals = self.evening.deals
        return [deals[i] for i in reversed(ids) if i in deals]

    def my_deal_count(self) -> int:
        return len(self._mine)

    # --- writes -----------------------------------------------------------------------------------

    def _record(self, command: str, *args):
        """Run one of the journal's commands and commit it; folded when this returns."""
        with self.evening.lock.set_aside(), self.store.write_lock:
            try:
                result = getattr(self.journal, command)(*args)
                self.store.save(self.journal)
            except Exception:
                # The journal object may hold events that were never stored: reload it.
                self.journal = self.store.repository.get(self.device_id)
                raise
            self.catch_up()
        self.saved.set()
        return result

    def record(self, command: str, *args):
        """Another room's use case (check-in at the door): one journal command, committed."""
        return self._record(command, *args)

    def _known(self, participant_id: str) -> bool:
        return participant_id in self.evening.participants

    def register_deal(self, data: dict, form_key: str | None = None) -> DealView:
        """Save a deal; a ``form_key`` already saved returns that deal instead of a second."""
        data = settle_known_walk_ins(self.evening, data)  # a known name is not a new walk-in
        # A second tap waits here for the first to finish (reads set aside, as in _record).
        with self.evening.lock.set_aside(), self.store.write_lock:
            known = self._saved_forms.get(form_key) if form_key else None
            if known is not None:
                return self.evening.deals[known]
            deal_id, _number, _walk_ins = self._record("register_deal", data, self._known)
            if form_key:
                self._saved_forms[form_key] = deal_id
                while len(self._saved_forms) > SAVED_FORMS_KEPT:
                    self._saved_forms.popitem(last=False)
        return self.evening.deals[deal_id]

    def is_closed(self) -> bool:
        """The closing gong has sounded (as far as this tablet's copy of the hub's log knows)."""
        return self.evening.stage.phase == PHASE_AFTER

    def deal(self, deal_id: str) -> DealView:
        deal = self.evening.deals.get(deal_id)
        if deal is None:
            raise UnknownDeal(deal_id)
        return deal

    def correct_deal(self, deal_id: str, data: dict) -> DealView:
        current = self.deal(deal_id)
        data = settle_known_walk_ins(self.evening, data)
        self._record(
            "correct_deal", deal_id, current.revision, data, self._known, deal_content_of(current)
        )
        return self.evening.deals[deal_id]

    def void_deal(self, deal_id: str, data: dict) -> DealView:
        base = self.deal(deal_id).revision
        self._record("void_deal", deal_id, base, data)
        return self.evening.deals[deal_id]

    def undo_void(self, deal_id: str) -> DealView:
        """Take back the brokers' voids this tablet sees on the deal (``DealVoidUndone``); a void
        the organiser made on the hub, or by a ruling, stays theirs to undo, on the hub."""
        voids = voids_a_tablet_may_undo(self.deal(deal_id).open_voids, self.evening.devices.role_of)
        if not voids:
            raise ValidationFailed([FieldError("deal", "not_voided")])
        self._record("undo_void", deal_id, voids)
        return self.evening.deals[deal_id]

    # --- sync state -------------------------------------------------------------------------------

    def pending(self) -> int:
        return max(0, self.journal.version - self.status.acked)

    def outbox(self, limit: int) -> list[dict]:
        """This tablet's events the hub has not acknowledged, oldest first."""
        events = self.store.recorder.select_events(
            self.device_id, gt=self.status.acked, limit=limit
        )
        return self.signer.sign_all([to_wire(e) for e in events])

    def acknowledge(self, acked: int) -> None:
        self.status.acked = acked
        self._save_status()

    def absorb(self, wire_events: list[dict], log: str = "") -> int:
        """Add a page of the hub's log to the mirror; returns how many events it held.
        ``log``: the name of the hub's log (a restored hub's is new, hub.recovery.epoch): its
        positions are its own, and what the mirror already holds is skipped."""
        if not wire_events:
            return 0
        stored = [from_wire(item, self.mirror.mapper)[1] for item in wire_events]
        self.signer.check_all(wire_events)  # well-formed, and signed: a changed byte is refused
        position = wire_events[-1].get("position")
        upstream = mirror_upstream(log)
        if not isinstance(position, int) or position <= self.mirror.position(upstream):
            raise ProtocolError("malformed_event", "pulled events must carry a rising position")
        if log:
            stored = relay.not_held(self.mirror, stored)
        self.mirror.append(stored, position, upstream)  # the page's lock is not held for the disk
        self.catch_up()
        privacy.honour(self)  # erasures and orders to forget, in this tablet's files too
        rehearsal.follow(self)  # join a practice that runs, leave one that is over
        return len(stored)

    def note_battery(self, level: int, charging: bool | None) -> None:
        """What the tablet's browser told of its battery (kiosk/static_status/battery.js)."""
        if 0 <= level <= 100:
            self.battery = {"battery": level, "charging": charging, "at": time.monotonic()}

    def mark(self, state: str, hub: str | None = None, error_code: str | None = None) -> None:
        self.status.state = state
        self.status.hub = hub
        self.status.error_code = error_code
        if state == "online":
            self._contact_at = time.monotonic()
            self.status.last_sync_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self._save_status()

    def sync_state(self) -> str:
        """The worker's last word, unless it says "online" and the hub has since gone quiet."""
        state = self.status.state
        if state == "online" and time.monotonic() - self._contact_at > CONTACT_FRESH_SECONDS:
            return "offline"
        return state

    def status_dict(self) -> dict:
        return {
            "pending": self.pending(),
            "hub": self.status.hub,
            "last_sync_at": self.status.last_sync_at,
            "state": self.sync_state(),
            "error_code": self.status.error_code,
            "device": str(self.device_id),
            "tag": self.tag,
            "practice": rehearsal.shown(self),  # a rehearsal runs: what is saved is practice
        }

    # The acknowledged position is a hint: a lost file only means the next push resends events
    # the hub already has, which it skips.
    def _status_path(self) -> Path:
        return self.data_dir / "sync-status.json"

    def _load_status(self) -> dict:
        try:
            saved = json.loads(self._status_path().read_text())
            return {"acked": int(saved["acked"]), "last_sync_at": saved.get("last_sync_at")}
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def _save_status(self) -> None:
        saved = {"acked": self.status.acked, "last_sync_at": self.status.last_sync_at}
        write_private(self._status_path(), json.dumps(saved))


def mirror_upstream(log: str) -> str:
    return f"{MirrorStore.UPSTREAM}:{log}" if log else MirrorStore.UPSTREAM


def _read_all(app, after: int):
    while True:
        chunk = app.read(after)
        if not chunk:
            return
        yield from chunk
        after = chunk[-1].id
