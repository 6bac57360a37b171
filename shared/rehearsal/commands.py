"""The journal's rehearsal commands. ``state`` is the evening's :class:`Rehearsals`."""

from __future__ import annotations

from shared.core.checks import FieldError, ValidationFailed
from shared.rehearsal import events
from shared.rehearsal.rules import check_rehearsal_id


class RehearsalCommands:
    def start_rehearsal(self, rehearsal_id: str, state, hour_opened: bool) -> None:
        check_rehearsal_id(rehearsal_id)
        if hour_opened:
            raise ValidationFailed([FieldError("rehearsal", "rehearsal_after_doors")])
        if state.running is not None:
            raise ValidationFailed([FieldError("rehearsal", "rehearsal_running")])
        self.trigger_event(events.RehearsalStarted, rehearsal_id=rehearsal_id)

    def end_rehearsal(self, state) -> None:
        if state.running is None:
            raise ValidationFailed([FieldError("rehearsal", "no_rehearsal")])
        self.trigger_event(events.RehearsalEnded, rehearsal_id=state.running)

    def wipe_rehearsal(self, state) -> None:
        """Wipe the newest practice not wiped yet (ending it first when it still runs)."""
        target = state.to_wipe()
        if target is None:
            raise ValidationFailed([FieldError("rehearsal", "no_rehearsal")])
        if state.running == target:
            self.trigger_event(events.RehearsalEnded, rehearsal_id=target)
        self.trigger_event(events.RehearsalWiped, rehearsal_id=target)

    def join_rehearsal(self, rehearsal_id: str) -> None:
        check_rehearsal_id(rehearsal_id)
        self.trigger_event(events.RehearsalJoined, rehearsal_id=rehearsal_id)

    def leave_rehearsal(self, rehearsal_id: str) -> None:
        check_rehearsal_id(rehearsal_id)
        self.trigger_event(events.RehearsalLeft, rehearsal_id=rehearsal_id)
