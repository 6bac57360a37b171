"""The kiosk's sync worker: push what the hub lacks, pull what the tablet lacks.

It runs beside the web app in one background thread. A save wakes it at once; while the hub is
away it retries with growing pauses (capped at 1 s, so a returning hub is found at once). A batch
the hub refuses as bad (a 4xx other than a sequence gap) is not retried in a tight loop: the
kiosk shows the refusal (state ``refused`` with the hub's code), keeps pulling the hub's log so
the tablet stays current, and offers the batch again only slowly. A page of the hub's log this
tablet cannot read (a much newer hub) is shown the same way. Nothing in the queue is ever dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from kiosk.hub_client import HubClient, HubRefused, HubUnreachable
from kiosk.relay import relay_mirror
from kiosk.service import Kiosk, mirror_upstream
from shared.sync.protocol import MAX_BATCH, ProtocolError

log = logging.getLogger(__name__)

BATTERY_FRESH_SECONDS = 60.0  # no page open on the tablet for a minute: battery unknown
RELEASE = "0.1.0"  # pyproject.toml's version, shown on the hub's device board

POLL_SECONDS = 1.0
BACKOFF_FIRST = 0.25
# A retry costs one refused connect (or a connect timeout on a dead link) a second; a 5 s cap
# made a kiosk with 1,000 queued deals take 3-6 s to be counted after the link came back.
BACKOFF_MAX = 1.0
REFUSED_RETRY_SECONDS = 60.0
UNPAIRED_RETRY_SECONDS = 1.0
RESYNC_CODES = ("sequence_gap", "sequence_conflict")  # the hub says where it is: resend from there


class SyncWorker(threading.Thread):
    def __init__(self, kiosk: Kiosk, hub_url: Callable[[], str | None], client=None):
        super().__init__(name="sync", daemon=True)
        self.kiosk = kiosk
        self.hub_url = hub_url
        self.client = client or HubClient(str(kiosk.device_id), kiosk.data_dir)
        self._stop_requested = threading.Event()
        self._log = ""  # the name of the hub's log being mirrored (kiosk.relay)

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
            except (HubRefused, ProtocolError) as refused:
                log.warning("hub %s: sync refused: %s", url, refused.code)
                unpaired = refused.code == "device_not_paired"
                self.kiosk.mark("unpaired" if unpaired else "refused", url, refused.code)
                # An unpaired tablet sends nothing; it looks for fresh credentials every second
                # (`bors kiosk pair` may write them while it runs).
                self._pause(UNPAIRED_RETRY_SECONDS if unpaired else REFUSED_RETRY_SECONDS)
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
        try:
            self.push(url)
        except HubRefused:
            # A refused batch must not cut the tablet off the hub's log as well.
            self.pull(url)
            raise
        self.pull(url)

    def push(self, url: str) -> None:
        while True:
            batch = self.kiosk.outbox(MAX_BATCH)
            if not batch:
                return
            try:
                body = self.client.push(url, batch, self.kiosk.signer.public)
            except HubRefused as refused:
                if refused.code not in RESYNC_CODES or not _is_position(refused.body.get("acked")):
                    raise
                # The hub holds less (a new or restored hub) or more (a retry crossed an earlier
                # push on a slow link) than we thought: go on from what it holds.
                self.kiosk.acknowledge(int(refused.body["acked"]))
                continue
            self.kiosk.acknowledge(int(body["acked"]))

    def pull(self, url: str) -> None:
        while True:
            position = self.kiosk.mirror.position(mirror_upstream(self._log))
            body = self.client.pull(url, position, status=self.told())
            self.kiosk.signer.learn(body)
            served = body.get("log") or ""
            if served != self._log:  # another log: a restored hub (kiosk.relay), or a restart
                self._follow(url, served)
                continue
            if not self.kiosk.absorb(body["events"], served):
                return

    def told(self) -> dict:
        """For the hub's device board (hub.devices.board): pending events, release, clock."""
        told = {"pending": self.kiosk.pending(), "version": RELEASE, "clock": time.time()}
        battery = self.kiosk.battery
        if battery is not None and time.monotonic() - battery["at"] < BATTERY_FRESH_SECONDS:
            told.update(battery=battery["battery"], charging=battery["charging"])
        return told

    def _follow(self, url: str, name: str) -> None:
        mirror = self.kiosk.mirror
        held_another = bool(mirror.recorder.max_notification_id())
        if name and held_another and not mirror.position(mirror_upstream(name)):
            totals = relay_mirror(self.kiosk, self.client, url)
            log.info("relayed to the restored hub %s: %s", url, totals)
        self._log = name


def _is_position(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
