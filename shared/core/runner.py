"""One runner folds every event into every projection that cares about it.

Promise 3 lives here: the runner takes each event once, whatever order they arrive in and
however often (a device's sequence numbers are the proof of "seen"), and hands it to the
projections registered for its type, in the order the projections were given. Each projection
folds so that the result depends only on the *set* of events it was given. Adding a projection
(check-ins, follow-up) adds one to the list; none of the others change.

Reading: pages and APIs read the projections while ingest threads and a kiosk's sync thread
fold new events in. :attr:`Runner.lock` (:class:`shared.core.locking.ReadWriteLock`) is the
one lock both take: a fold has it alone while it applies a batch, and every request shares it
while it reads (``shared.web`` takes it around each request), so a page never sees half a
batch.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import ClassVar

from shared.core.locking import ReadWriteLock
from shared.core.registry import REGISTRY


def event_order(ev) -> tuple:
    """A total order on events that every node computes alike (device time, then identity)."""
    return (ev.timestamp, str(ev.originator_id), ev.originator_version)


class Projection:
    """A read model of one room, folded from the events named in :attr:`handles`.

    ``handles`` maps an event's wire name to the method that folds it; each such method takes
    ``(event, origin, position)``: the event, its device id (interned text) and its position in
    this node's log (0 where there is none).
    """

    handles: ClassVar[dict[str, str]] = {}
    runner: Runner | None = None

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        for name in cls.handles:
            REGISTRY.note_handler(name, cls.__name__)


class _Sequences:
    """The sequence numbers seen from one device: 1..upto, plus any that came early."""

    __slots__ = ("early", "upto")

    def __init__(self) -> None:
        self.upto = 0
        self.early: set[int] | None = None

    def add(self, seq) -> bool:
        """False when ``seq`` had been seen."""
        if seq == self.upto + 1:
            self.upto = seq
            early = self.early
            while early and self.upto + 1 in early:
                self.upto += 1
                early.discard(self.upto)
            return True
        if type(seq) is int and 0 < seq <= self.upto:
            return False
        if self.early is None:
            self.early = set()
        if seq in self.early:
            return False
        self.early.add(seq)
        return True


class Runner:
    def __init__(self, projections: list[Projection]) -> None:
        self.projections = list(projections)
        self.version = 0  # bumped whenever anything a projection holds may have changed
        self.lock = ReadWriteLock()
        # This node's clock for the batch being folded (the hub notes when deals arrive);
        # None while a log is replayed at start, when arrival times are not known.
        self.now: dt.datetime | None = None
        self._seen: dict[str, _Sequences] = {}
        self._dispatch: dict[type, tuple[Callable, ...]] = {}
        handlers: dict[type, list[Callable]] = {}
        for projection in self.projections:
            projection.runner = self
            for name, method in projection.handles.items():
                spec = REGISTRY.get(name)
                if spec is None:
                    raise ValueError(f"{type(projection).__name__} handles unknown event {name}")
                handlers.setdefault(spec.cls, []).append(getattr(projection, method))
        self._dispatch = {cls: tuple(found) for cls, found in handlers.items()}

    def apply(self, ev, position: int = 0) -> bool:
        """Fold one event in; returns False when it had been applied already."""
        origin = sys.intern(str(ev.originator_id))
        seen = self._seen.get(origin)
        if seen is None:
            seen = self._seen[origin] = _Sequences()
        if not seen.add(ev.originator_version):
            return False
        for handler in self._dispatch.get(type(ev), ()):
            handler(ev, origin, position)
        self.version += 1
        return True

    def pass_over(self, ev) -> bool:
        """Note an event as seen without folding it (a wiped rehearsal's fact); False if seen."""
        origin = sys.intern(str(ev.originator_id))
        seen = self._seen.get(origin)
        if seen is None:
            seen = self._seen[origin] = _Sequences()
        return seen.add(ev.originator_version)
