"""The journal's commands for the hour on stage (the hub's journal)."""

from __future__ import annotations

from shared.core.checks import FieldError, ValidationFailed, is_uuid
from shared.stage import events, rules


class StageCommands:
    def open_hour(self) -> None:
        """The opening gong: the hour of the børs starts now (the hub's clock)."""
        self.trigger_event(events.HourOpened)

    def close_hour(self, figures: dict) -> None:
        """The closing gong, with the count at that moment kept as this evening's result."""
        self.trigger_event(events.HourClosed, **rules.validate_earlier_evening(figures))

    def move_closing_time(self, closes_at: str) -> None:
        self.trigger_event(
            events.ClosingTimeMoved, closes_at=rules.validate_closing_time(closes_at)
        )

    def configure_screen(self, config: dict) -> None:
        self.trigger_event(events.ScreenConfigured, **rules.validate_screen_config(config))

    def record_earlier_evening(self, record_id: str, figures: dict) -> None:
        """Figures of an evening held before this hub was used, typed in by the organiser."""
        _check_record_id(record_id)
        clean = rules.validate_earlier_evening(figures)
        self.trigger_event(events.EarlierEveningRecorded, record_id=record_id, **clean)

    def remove_earlier_evening(self, record_id: str) -> None:
        _check_record_id(record_id)
        self.trigger_event(events.EarlierEveningRemoved, record_id=record_id)


def _check_record_id(record_id: object) -> None:
    if not is_uuid(record_id):
        raise ValidationFailed([FieldError("record_id", "invalid_id")])
