"""The journal's command for the evening's plan (the hub's journal)."""

from __future__ import annotations

from shared.schedule.events import EveningScheduled
from shared.schedule.rules import validate_event_settings


class ScheduleCommands:
    def schedule_evening(self, settings: dict) -> None:
        self.trigger_event(EveningScheduled, **validate_event_settings(settings))
