"""The retention purge runs by itself: a small thread on the running hub looks once at start and
then every few minutes whether the retention date has passed, and purges when it has. It also
finishes any erasure a stop cut short (:func:`hub.privacy.erasure.settle`)."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from hub.privacy import erasure
from hub.service import Hub

log = logging.getLogger(__name__)

CHECK_SECONDS = 600.0


class RetentionWatch(threading.Thread):
    def __init__(
        self,
        hub: Hub,
        today: Callable[[], dt.date] = dt.date.today,
        every: float = CHECK_SECONDS,
    ):
        super().__init__(name="retention", daemon=True)
        self.hub = hub
        self.today = today  # injected by tests to move the clock
        self.every = every
        self.purged: list[str] = []
        self._stop_requested = threading.Event()

    def check(self) -> list[str]:
        purged = erasure.purge_if_due(self.hub, self.today())
        self.purged += purged
        return purged

    def run(self) -> None:
        try:
            erasure.settle(self.hub)
        except Exception:  # a failing check must not stop the hub; it is tried again later
            log.exception("could not finish an earlier erasure")
        while not self._stop_requested.is_set():
            try:
                self.check()
            except Exception:
                log.exception("retention purge failed; trying again in %.0f s", self.every)
            self._stop_requested.wait(self.every)

    def stop(self) -> None:
        self._stop_requested.set()
