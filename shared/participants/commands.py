"""The journal's commands for participants: each checks its invariants, then records the fact."""

from __future__ import annotations

from shared.participants import rules
from shared.participants.events import ParticipantRegistered


class ParticipantCommands:
    def register_participant(
        self, participant_id: str, profile: dict, contact_sealed: str, walk_in: bool = False
    ) -> None:
        """Record a participant's public profile; contact details only as a sealed blob."""
        clean = rules.validate_profile(profile)
        rules.check_registration(participant_id, contact_sealed, walk_in)
        self.trigger_event(
            ParticipantRegistered,
            participant_id=participant_id,
            name=clean["name"],
            sector=clean["sector"],
            needs=clean["needs"],
            offers=clean["offers"],
            consent_public=clean["consent_public"],
            contact_sealed=contact_sealed,
            walk_in=walk_in,
        )
