"""How a kiosk talks to the hub over HTTP: push a batch, pull a page of the hub's log.

The transport is kept apart from the sync logic (:mod:`kiosk.sync`) so that authentication and
encryption of the link wrap these two calls and nothing else: every request is sealed for the
hub this tablet was paired with, and every answer must be sealed by it for this very request
(:mod:`shared.sync.envelope`). An unpaired kiosk sends nothing (``device_not_paired``).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import requests
from nacl.public import Box

from kiosk import pairing
from shared.core.errors import CodedError
from shared.core.files import write_private
from shared.sync import envelope
from shared.sync.envelope import EnvelopeError

TIMEOUT = (2.0, 10.0)  # connect, read
COUNTER_FILE = "sync-counter"


class HubUnreachable(Exception):
    """The hub did not answer (network down, hub restarting): try again later."""


class HubRefused(CodedError):
    """The hub answered that it will not take this request; retrying the same will not help.

    ``body`` is the hub's answer as it came (it may say where the hub is: ``acked``)."""

    def __init__(self, code: str, status: int, body: dict):
        super().__init__(code, str(body.get("message", "")), status)
        self.body = body


class HubClient:
    def __init__(self, device_id: str, data_dir: Path | None = None):
        self.device_id = device_id
        self.data_dir = data_dir
        self.session = requests.Session()
        self._lock = threading.Lock()
        self._creds: pairing.Credentials | None = None
        self._box: Box | None = None
        self._counter = 0

    def close(self) -> None:
        self.session.close()

    @property
    def credentials(self) -> pairing.Credentials | None:
        if self.data_dir is not None and (self._creds is None or self._box is None):
            creds = pairing.load(self.data_dir)
            if creds is not None and creds.device_id == self.device_id:
                self._creds = creds
                self._box = Box(creds.device_key, creds.hub_public_key)
        return self._creds

    def push(self, url: str, events: list[dict], key: str | None = None) -> dict:
        """``key``: this tablet's signing key, which the hub pins (shared.core.signing)."""
        body = {"device": self.device_id, "events": events}
        if key is not None:
            body["key"] = key
        return self._call("POST", url, "/api/sync/push", body)

    def relay(self, url: str, events: list[dict]) -> dict:
        """Hand on other devices' events as pulled, signatures and all (hub.sync.relay)."""
        return self._call("POST", url, "/api/sync/relay", {"events": events})

    def pull(self, url: str, after: int, status: dict | None = None) -> dict:
        """``status``: a few words about this tablet for the hub's device board."""
        body: dict = {"after": after}
        if status is not None:
            body["status"] = status
        return self._call("GET", url, "/api/sync/pull", body)

    def hello(self, url: str) -> bool:
        """Whether the hub at ``url`` is the one this tablet is paired with."""
        try:
            body = self._call("POST", url, "/api/sync/hello", {})
        except (HubRefused, HubUnreachable):
            return False
        return self._creds is not None and body.get("hub") == self._creds.hub_id

    def _next_counter(self) -> int:
        """Strictly above every counter sent before, even across restarts and clock jumps."""
        path = self.data_dir / COUNTER_FILE
        if not self._counter:
            try:
                self._counter = int(path.read_text())
            except (OSError, ValueError):
                self._counter = 0
        self._counter = max(self._counter + 1, time.time_ns() // 1000)
        write_private(path, str(self._counter))
        return self._counter

    def _call(self, method: str, url: str, path: str, body: dict) -> dict:
        # One request at a time: the hub takes counters in rising order only, so a hello from
        # the zeroconf thread must not overtake a push from the sync worker on the wire.
        with self._lock:
            return self._exchange(method, url, path, body)

    def _exchange(self, method: str, url: str, path: str, body: dict) -> dict:
        if self.credentials is None:
            raise HubRefused("device_not_paired", 0, {"error": "device_not_paired"})
        counter = self._next_counter()
        sealed = envelope.seal_request(self._box, self.device_id, path, counter, body)
        target = url.rstrip("/") + path
        kwargs = {"json": sealed} if method == "POST" else {"params": sealed}
        try:
            response = self.session.request(method, target, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as error:
            raise HubUnreachable(str(error)) from None
        try:
            outer = response.json()
        except ValueError:
            outer = {}
        if not isinstance(outer, dict):
            outer = {}
        if "box" in outer:
            try:
                status, answer = envelope.open_answer(self._box, outer, counter)
            except EnvelopeError as error:
                # Not our hub (a spoofed advert, a stale address) or a tampered answer.
                raise HubRefused(
                    "hub_not_proven", response.status_code, {"error": error.code}
                ) from None
            answer = answer if isinstance(answer, dict) else {}
        else:
            status, answer = response.status_code, outer
            if status < 400:
                raise HubRefused("hub_not_proven", status, {"error": "unsealed_answer"})
        if 400 <= status < 500:
            raise HubRefused(str(answer.get("error", status)), status, answer)
        if status >= 500:
            raise HubUnreachable(f"hub answered {status}: {answer.get('error')}")
        return answer
