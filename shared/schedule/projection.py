"""The evening's plan as it stands: the latest ``EveningScheduled`` by the total event order."""

from __future__ import annotations

from shared.core.runner import Projection, event_order
from shared.schedule.events import FIELDS


class Schedule(Projection):
    handles = {"EveningScheduled": "on_scheduled"}  # noqa: RUF012 - read once by the runner

    def __init__(self) -> None:
        self._latest = None

    def on_scheduled(self, ev, origin: str, position: int) -> None:
        if self._latest is None or event_order(ev) > event_order(self._latest):
            self._latest = ev

    @property
    def settings(self) -> dict | None:
        ev = self._latest
        if ev is None:
            return None
        return {field: getattr(ev, field) for field in FIELDS}
