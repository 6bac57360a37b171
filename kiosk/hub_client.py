"""How a kiosk talks to the hub over HTTP: push a batch, pull a page of the hub's log.

The transport is kept apart from the sync logic (:mod:`kiosk.sync`) so that authentication and
encryption of the link wrap these two calls and nothing else.
"""

from __future__ import annotations

import requests

TIMEOUT = (2.0, 10.0)  # connect, read


class HubUnreachable(Exception):
    """The hub did not answer (network down, hub restarting): try again later."""


class HubRefused(Exception):
    """The hub answered that it will not take this request; retrying the same will not help."""

    def __init__(self, code: str, status: int, body: dict):
        super().__init__(code)
        self.code = code
        self.status = status
        self.body = body


class HubClient:
    def __init__(self, device_id: str):
        self.device_id = device_id
        self.session = requests.Session()

    def close(self) -> None:
        self.session.close()

    def push(self, url: str, events: list[dict]) -> dict:
        return self._call(
            "POST", f"{url}/api/sync/push", json={"device": self.device_id, "events": events}
        )

    def pull(self, url: str, after: int) -> dict:
        return self._call("GET", f"{url}/api/sync/pull", params={"after": after})

    def _call(self, method: str, url: str, **kwargs) -> dict:
        try:
            response = self.session.request(method, url, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as error:
            raise HubUnreachable(str(error)) from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        if 400 <= response.status_code < 500:
            raise HubRefused(
                str(body.get("error", response.status_code)), response.status_code, body
            )
        if response.status_code >= 500:
            raise HubUnreachable(f"hub answered {response.status_code}: {body.get('error')}")
        return body
