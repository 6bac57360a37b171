"""The journal's commands for check-in: each checks its input, then records the fact."""

from __future__ import annotations

from shared.checkin import rules
from shared.checkin.events import (
    ArrivalsShownOnScreen,
    BadgesPrinted,
    CheckInUndone,
    ParticipantCheckedIn,
)


class CheckInCommands:
    def check_in(
        self, participant_id: str, walk_in: bool = False, contact_for_hub: str = ""
    ) -> str:
        """Record an arrival; returns its ref (``<device>/<sequence>``)."""
        rules.check_check_in(participant_id, contact_for_hub, walk_in)
        self.trigger_event(
            ParticipantCheckedIn,
            participant_id=participant_id,
            walk_in=walk_in,
            contact_for_hub=contact_for_hub,
        )
        return f"{self.id}/{self.version}"

    def check_in_walk_in(self, participant_id: str, walk_in: dict, contact_for_hub: str) -> str:
        """A walk-in at the door: a participant of their own (no contact details in clear),
        then their arrival, carrying the details sealed for the hub. ``walk_in`` is
        :func:`rules.validate_walk_in`'s answer."""
        profile = {"name": walk_in["name"], "sector": walk_in["sector"], "consent_public": False}
        self.register_participant(participant_id, profile, "", walk_in=True)
        return self.check_in(participant_id, True, contact_for_hub)

    def undo_check_in(self, participant_id: str, refs: list[str]) -> None:
        rules.check_undo(participant_id, refs)
        self.trigger_event(CheckInUndone, participant_id=participant_id, refs=list(refs))

    def record_badges_printed(self, participant_ids: list[str]) -> None:
        rules.check_printed(participant_ids)
        self.trigger_event(BadgesPrinted, participant_ids=list(participant_ids))

    def show_arrivals_on_screen(self, show: bool) -> None:
        if not isinstance(show, bool):
            raise ValueError("show: not a boolean")
        self.trigger_event(ArrivalsShownOnScreen, show=show)
