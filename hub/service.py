"""The hub's use cases: ingest kiosks' journals exactly once, serve its log, keep the evening.

Everything the hub shows is folded from its own store (:class:`shared.evening.Evening`), and
the fold is rebuilt from the log on every start, so a hub killed with SIGKILL comes back with
the same deal list (promise 1 and 3).

Locks: the evening's read-write lock (readers share it, a fold has it alone) and the store's
write lock (one writer at a time). A writer sets its reads aside before it waits for the
store, and folds while it still holds the store (so what it folds is all there is); ingest
stores under the write lock and folds after letting it go, so pages never wait for a kiosk's
batch to reach the disk.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from eventsourcing.persistence import IntegrityError, OperationalError, PersistenceError

from hub.evenings.archive import floors as archive_floors
from hub.participants.contacts import ContactVault
from shared.core import signing
from shared.core.device import ROLE_HUB, load_or_create_device_id
from shared.core.store import JournalStore
from shared.evening import Evening
from shared.journal import Journal
from shared.participants.rules import validate_participant
from shared.privacy.redaction import same_fact
from shared.sync.protocol import (
    KIOSK_EVENT_TYPES,
    ProtocolError,
    from_wire,
    parse_push,
    to_wire,
)

log = logging.getLogger(__name__)

PULL_LIMIT = 1000


class StorageUnavailable(RuntimeError):
    """The hub's database refused a write (disk full, locked, read-only): nothing was stored."""


STORAGE_ERRORS = (OperationalError, PersistenceError, sqlite3.Error, OSError)


class Hub:
    def __init__(self, data_dir: Path, name: str = "Hub"):
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        self.device_id = load_or_create_device_id(data_dir)
        self.store = JournalStore(data_dir / "hub.sqlite")
        self.contacts = ContactVault(data_dir / "contacts.sqlite")
        # Ed25519: the hub signs what it serves, and knows every device's key (shared.core.signing)
        self.signing_key = signing.load_or_create_key(data_dir)
        self.keys = signing.KeyBook(data_dir)
        self.keys.pin(str(self.device_id), signing.public_text(self.signing_key))
        self._signatures: dict[tuple[str, int], tuple[int, dict]] = {}
        self.journal = self.store.open_journal(self.device_id, ROLE_HUB, name)
        self.evening = Evening()
        self.positions: dict[str, int] = {}  # device id -> highest sequence held
        self.received_total = 0
        self.duplicates_total = 0
        self._cursor = 0
        self._live = False  # arrival times are known only for what arrives after the replay
        self.changed = threading.Condition()
        # Rooms that act on what a tablet sent (the door's walk-ins' contact details), after
        # each batch that held something new; each hook must be idempotent.
        self.after_ingest: list[Callable[[Hub], None]] = []
        # How far each tablet's journal reached in the evenings closed on this hub (hub.evenings):
        # those events are held in the archive, never taken into this evening again.
        self.floors = archive_floors(data_dir)
        self._replay()
        for device, floor in self.floors.items():
            self.positions[device] = max(self.positions.get(device, 0), floor)
        self._live = True

    def close(self) -> None:
        self.store.close()
        self.contacts.close()

    # --- folding the log ------------------------------------------------------------------------

    def _replay(self) -> None:
        """The first catch-up, over the whole log, with the cyclic GC paused.

        Replaying makes hundreds of thousands of objects that all live on; the collector would
        rescan them again and again while they are made (40% of a 100,000-event restart).
        """
        enabled = gc.isenabled()
        gc.disable()
        try:
            self.catch_up()
        finally:
            if enabled:
                gc.enable()

    def catch_up(self) -> None:
        """Fold every event stored since the last call into the evening."""
        with self.evening.lock.writing():
            before = self.evening.version
            # The hub's clock for this batch, once per batch, not per event (restart cost)
            self.evening.now = dt.datetime.now().astimezone() if self._live else None
            for notification in self.store.read_all(self._cursor):
                event = self.store.mapper.to_domain_event(notification)
                self.evening.apply(event, position=notification.id)
                if not self._live:  # once live, ingest keeps the positions (see there)
                    origin = str(notification.originator_id)
                    if notification.originator_version > self.positions.get(origin, 0):
                        self.positions[origin] = notification.originator_version
                self._cursor = notification.id
            changed = self.evening.version != before
        if changed:
            with self.changed:
                self.changed.notify_all()

    def wait_for_change(self, version: int, timeout: float) -> int:
        """Block until the evening's version differs from ``version`` (or timeout)."""
        with self.changed:
            self.changed.wait_for(lambda: self.evening.version != version, timeout=timeout)
        return self.evening.version

    # --- sync ------------------------------------------------------------------------------------

    def ingest(self, body: object) -> dict:
        """Store a kiosk's batch: new events once, known ones skipped, gaps refused."""
        device, items = parse_push(body)
        decoded = [from_wire(item, self.store.mapper, KIOSK_EVENT_TYPES) for item in items]
        self._check_signatures(device, body, items)
        for event, _ in decoded:
            if event.originator_id != device:
                raise ProtocolError("foreign_origin", "events must be the device's own", 403)
        with self.store.write_lock:
            acked = self.positions.get(str(device), 0)
            fresh = sorted(
                (pair for pair in decoded if pair[0].originator_version > acked),
                key=lambda pair: pair[0].originator_version,
            )
            duplicates = len(decoded) - len(fresh)
            if duplicates:
                self._check_same_as_held(device, [p for p in decoded if p not in fresh])
            for offset, (event, _) in enumerate(fresh):
                if event.originator_version != acked + 1 + offset:
                    raise ProtocolError(
                        "sequence_gap",
                        f"expected sequence {acked + 1 + offset}, got {event.originator_version}",
                        409,
                        acked=acked,
                    )
            if fresh:
                try:
                    self.store.insert([stored for _, stored in fresh])
                except IntegrityError:
                    raise ProtocolError(
                        "sequence_conflict", "already stored", 409, acked=self._held(device)
                    ) from None
                except STORAGE_ERRORS as error:
                    log.error("could not store a batch from %s: %s", device, error)
                    raise ProtocolError(
                        "storage_unavailable", "the hub cannot write its database", 503
                    ) from None
            # Noted while still holding the write lock, so the next batch from this device (a
            # retry that crossed this one on a slow link) sees the position just stored.
            self.positions[str(device)] = acked + len(fresh)
            self.received_total += len(fresh)
            self.duplicates_total += duplicates
            # One line per push: the chaos scenario adds these up across hub restarts.
            log.info("ingest %s: %d new, %d duplicates", device, len(fresh), duplicates)
        # Folded after the write lock is let go: pages wait for the fold, never for the disk.
        self.catch_up()
        for hook in self.after_ingest if fresh else ():
            hook(self)
        return {
            "acked": self.positions.get(str(device), 0),
            "accepted": len(fresh),
            "duplicates": duplicates,
        }

    def _check_signatures(self, device: uuid.UUID, body: dict, items: list) -> None:
        """Each event signed by its author: a tablet that sent its key (in the sealed push)
        signs every event it sends from then on; a changed byte is refused."""
        if body.get("key") is not None:
            self.keys.pin(str(device), body["key"])
        required = self.keys.get(str(device)) is not None
        for item in items:
            self.keys.check(item, str(self.device_id), required, sender=str(device))

    def _held(self, device: uuid.UUID) -> int:
        """The highest sequence of ``device`` the store holds (read from the store itself)."""
        newest = self.store.recorder.select_events(device, desc=True, limit=1)
        held = max(newest[0].originator_version if newest else 0, self.floors.get(str(device), 0))
        self.positions[str(device)] = held
        return held

    def _check_same_as_held(self, device: uuid.UUID, repeated: list) -> None:
        """A resent event must be the one the hub holds under that sequence.

        A tablet restored from an old backup numbers its new deals from where the backup ends:
        the hub holds other events under those numbers. Skipping them as duplicates would lose
        those deals without a word, so the whole batch is refused (``sequence_reused``) and the
        tablet shows it.
        """
        floor = self.floors.get(str(device), 0)  # in a closed evening's archive: held there
        repeated = [pair for pair in repeated if pair[0].originator_version > floor]
        if not repeated:
            return
        seqs = [event.originator_version for event, _ in repeated]
        held = {
            e.originator_version: json.loads(e.state)
            for e in self.store.recorder.select_events(device, gt=min(seqs) - 1, lte=max(seqs))
        }
        for event, stored in repeated:
            # the one held may have been rewritten since by an erasure (shared.privacy)
            if not same_fact(json.loads(stored.state), held.get(event.originator_version, {})):
                raise ProtocolError(
                    "sequence_reused",
                    f"the hub holds another event as {device}/{event.originator_version}",
                    409,
                )

    def pull(self, after: int, limit: int = PULL_LIMIT) -> dict:
        limit = max(1, min(limit, PULL_LIMIT))
        notifications = self.store.read(max(0, after), limit)
        return {
            "events": [self._signed_wire(n) for n in notifications],
            "head": self.store.head(),
            "hub": str(self.device_id),
            "keys": self.keys.texts(),
        }

    def _signed_wire(self, notification) -> dict:
        """An event as the hub serves it: with its author's signature, or else the hub's (its
        own events; a tablet of an older release; an event an erasure rewrote). The hub's are
        kept per event and its stored bytes, so twenty tablets catching up sign nothing twice."""
        wire = to_wire(notification, position=notification.id)
        if "sig" in wire:
            return wire
        key = (str(notification.originator_id), notification.originator_version)
        held = self._signatures.get(key)
        if held is not None and held[0] == hash(notification.state):
            return {**wire, "sig": held[1]}
        signed = signing.sign(wire, self.signing_key, str(self.device_id))
        self._signatures[key] = (hash(notification.state), signed["sig"])
        return signed

    # --- the organiser's actions ------------------------------------------------------------------

    def record(self, command: str | Callable[[Journal], object], *args) -> object:
        """Run one of the hub's journal commands and store what it recorded; the evening has
        folded it when this returns. ``command`` names the journal's method (``"open_hour"``),
        or is a function of the journal, run while nothing else can be stored (so what it
        reads of the evening is what the event will follow)."""
        with self.evening.lock.set_aside(), self.store.write_lock:
            try:
                if callable(command):
                    result = command(self.journal)
                else:
                    result = getattr(self.journal, command)(*args)
                self.store.save(self.journal)
            except Exception as error:
                # The journal object may hold events that were never stored: reload it.
                self.journal = self.store.repository.get(self.device_id)
                if isinstance(error, STORAGE_ERRORS) and not isinstance(error, IntegrityError):
                    log.error("could not store the organiser's change: %s", error)
                    raise StorageUnavailable(str(error)) from None
                raise
            self.catch_up()
        return result

    def schedule_evening(self, settings: dict) -> None:
        self.record("schedule_evening", settings)

    def register_participant(self, data: dict) -> str:
        profile = validate_participant(data)
        participant_id = str(uuid.uuid4())
        sealed = self.contacts.seal(participant_id, profile["contact"])
        self.record("register_participant", participant_id, profile, sealed)
        return participant_id

    def register_deal(self, deal: dict) -> str:
        """A deal the organiser writes down on the hub itself (a paper form, a late handshake)."""
        known = self.evening.participants.__contains__
        deal_id, _number, _walk_ins = self.record("register_deal", deal, known)
        return deal_id

    def contact_of(self, participant_id: str) -> dict:
        participant = self.evening.participants.get(participant_id)
        empty = {"contact_person": "", "email": "", "phone": ""}
        if participant is None:
            return empty
        return self.contacts.open(participant_id, participant.contact_sealed) or empty

    # --- questions -------------------------------------------------------------------------------

    def stats(self) -> dict:
        closes = self.evening.stage.closes_at()
        settings = self.evening.settings or {}
        return {
            **self.evening.stats(),
            "closes_at": closes.isoformat() if closes else None,
            "target": settings.get("target", 0),
            "now": dt.datetime.now().astimezone().isoformat(),
            "version": self.evening.version,
        }
