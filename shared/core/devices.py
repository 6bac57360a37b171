"""Which devices have written journals this node holds: their role, name and software."""

from __future__ import annotations

from shared.core.device import device_tag
from shared.core.runner import Projection


class Devices(Projection):
    handles = {"Opened": "on_opened"}  # noqa: RUF012 - read once by the runner

    def __init__(self) -> None:
        self.known: dict[str, dict] = {}

    def on_opened(self, ev, origin: str, position: int) -> None:
        self.known[origin] = {
            "role": ev.role,
            "name": ev.name,
            "tag": device_tag(origin),
            "software": ev.software,
        }

    def role_of(self, device_id: str) -> str | None:
        device = self.known.get(device_id)
        return device["role"] if device else None

    def name_of(self, device_id: str, default: str = "") -> str:
        return self.known.get(device_id, {}).get("name", default)

    def get(self, device_id: str, default=None):
        return self.known.get(device_id, default)
