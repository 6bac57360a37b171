"""The lock every reader of the evening and every fold take: many readers at once, or one fold.

Pages and APIs read the projections while ingest threads (the hub) or the sync thread (a
kiosk) fold batches in. A plain lock would make three hundred screens polling the count wait
behind each other and behind every page being rendered; here readers share the lock and only
a fold has it alone. A fold that is waiting goes before new readers, so a burst of polls cannot
starve the kiosks' batches.

A thread that reads and then writes (a form post: save, then show the page with the change)
must not wait for the store while it holds a read: another thread could hold the store and
wait for the readers to leave. :meth:`ReadWriteLock.set_aside` lets the thread's reads go for
the length of its write and takes them back after, and :meth:`ReadWriteLock.writing` does the
same for a fold started by a reading thread.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager


class ReadWriteLock:
    def __init__(self) -> None:
        self._state = threading.Condition(threading.Lock())
        self._readers = 0  # read holds of every thread
        self._writer: int | None = None
        self._depth = 0  # the writer's own re-entries
        self._writers_waiting = 0
        self._mine = threading.local()  # .reads: this thread's read holds

    def _reads(self) -> int:
        return getattr(self._mine, "reads", 0)

    # --- reading -----------------------------------------------------------------------------

    def acquire_read(self) -> None:
        me = threading.get_ident()
        with self._state:
            first = self._reads() == 0 and self._writer != me
            while first and (self._writer is not None or self._writers_waiting):
                self._state.wait()
            self._readers += 1
            self._mine.reads = self._reads() + 1

    def release_read(self) -> None:
        with self._state:
            self._mine.reads = self._reads() - 1
            self._readers -= 1
            if self._readers == 0:
                self._state.notify_all()

    @contextmanager
    def reading(self):
        self.acquire_read()
        try:
            yield
        finally:
            self.release_read()

    # --- writing -----------------------------------------------------------------------------

    def _let_reads_go(self) -> int:
        held = self._reads()
        self._readers -= held
        self._mine.reads = 0
        if held:
            self._state.notify_all()
        return held

    def _take_reads_back(self, held: int) -> None:
        self._readers += held
        self._mine.reads = held

    @contextmanager
    def writing(self):
        """The lock alone (a fold). Re-entrant; a reading thread's reads wait meanwhile."""
        me = threading.get_ident()
        with self._state:
            if self._writer == me:
                self._depth += 1
                held = None
            else:
                held = self._let_reads_go()
                self._writers_waiting += 1
                while self._writer is not None or self._readers:
                    self._state.wait()
                self._writers_waiting -= 1
                self._writer, self._depth = me, 1
        try:
            yield
        finally:
            with self._state:
                self._depth -= 1
                if self._depth == 0:
                    self._writer = None
                    if held:
                        self._take_reads_back(held)
                    self._state.notify_all()

    @contextmanager
    def set_aside(self):
        """Let this thread's reads go for the block (it is about to wait for the store)."""
        with self._state:
            held = self._let_reads_go()
        try:
            yield
        finally:
            if held:
                with self._state:
                    first = self._writer != threading.get_ident()
                    while first and (self._writer is not None or self._writers_waiting):
                        self._state.wait()
                    self._take_reads_back(held)
