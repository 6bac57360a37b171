"""The journal's privacy commands: each checks its invariants, then records the fact."""

from __future__ import annotations

from shared.core.checks import FieldError, ValidationFailed
from shared.privacy import rules
from shared.privacy.events import ContactDetailsPurged, ParticipantErased, TabletsToldToForget


class PrivacyCommands:
    def erase_participant(self, participant_id: str, why: str, current, erased: bool) -> None:
        """``current``: the participant as the hub knows them; ``erased``: already erased."""
        rules.check_erasure(participant_id, why)
        if current is None:
            raise ValidationFailed([FieldError("participant_id", "unknown_participant")])
        if erased:
            raise ValidationFailed([FieldError("participant_id", "already_erased")])
        self.trigger_event(ParticipantErased, participant_id=participant_id, why=why)

    def purge_contact_details(self, participant_ids: list[str], retention: str) -> None:
        ids = sorted(set(participant_ids))
        rules.check_purge(ids, retention)
        self.trigger_event(ContactDetailsPurged, participant_ids=ids, retention=retention)

    def tell_tablets_to_forget(self, evening: str) -> None:
        rules.check_forget(evening)
        self.trigger_event(TabletsToldToForget, evening=evening)
