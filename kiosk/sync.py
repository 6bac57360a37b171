"""The kiosk's sync worker: push what the hub lacks, pull what the tablet lacks.

It runs beside the web app in one background thread. A save wakes it at once; while the hub is
away it retries with growing pauses (capped, so a returning hub is found within seconds). A batch
the hub refuses as bad (a 4xx other than a sequence gap) is not retried in a tight loop: the
kiosk shows the refusal and tries again slowly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk.hub_client import HubClient, HubRefused, HubUnreachable
from kiosk.service import Kiosk
from shared.sync.protocol import MAX_BATCH

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
BACKOFF_FIRST = 0.25
BACKOFF_MAX = 5.0
REFUSED_RETRY_SECONDS = 60.0


class SyncWorker(threading.Thread):
    def __init__(self, kiosk: Kiosk, hub_url: Callable[[], str | None], client=None):
        super().__init__(name="sync", daemon=True)
        self.kiosk = kiosk
        self.hub_url = hub_url
        self.client = client or HubClient(str(kiosk.device_id))
        self._stop_requested = threading.Event()

    def stop(self) -> None:
        self._stop_requested.set()
        self.kiosk.saved.set()

    def run(self) -> None:
        backoff = BACKOFF_FIRST
        while not self._stop_requested.is_set():
            url = self.hub_url()
            if url is None:
                self.kiosk.mark("searching")
                self._pause(1.0)
                continue
            try:
                self.sync_once(url)
            except HubRefused as refused:
                log.warning("hub %s refused our request: %s", url, refused.code)
                self.kiosk.mark("refused", url, refused.code)
                self._pause(REFUSED_RETRY_SECONDS)
            except (HubUnreachable, ValueError) as error:
                if self.kiosk.status.state != "offline":
                    log.info("hub %s unreachable: %s", url, error)
                self.kiosk.mark("offline", url)
                self._pause(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX)
            else:
                backoff = BACKOFF_FIRST
                self.kiosk.mark("online", url)
                self._pause(POLL_SECONDS)
        self.client.close()

    def _pause(self, seconds: float) -> None:
        self.kiosk.saved.wait(seconds)
        self.kiosk.saved.clear()

    def sync_once(self, url: str) -> None:
        self.push(url)
        self.pull(url)

    def push(self, url: str) -> None:
        while True:
            batch = self.kiosk.outbox(MAX_BATCH)
            if not batch:
                return
            try:
                body = self.client.push(url, batch)
            except HubRefused as refused:
                if refused.code != "sequence_gap":
                    raise
                # The hub holds less than we thought (a new or restored hub): resend from there.
                self.kiosk.acknowledge(int(refused.body["acked"]))
                continue
            self.kiosk.acknowledge(int(body["acked"]))

    def pull(self, url: str) -> None:
        while True:
            body = self.client.pull(url, self.kiosk.mirror.position())
            if not self.kiosk.absorb(body["events"]):
                return
