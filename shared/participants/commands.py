"""The journal's commands for participants: each checks its invariants, then records the fact.

The register's commands take what the hub knows of the participant now (``current``, from the
participants projection, read under the evening's lock while the command runs), so a sign-up
over the cap, a change of someone merged away or a second withdrawal is refused before any
event exists.
"""

from __future__ import annotations

import datetime as dt

from shared.core.checks import FieldError, ValidationFailed, parse_date
from shared.participants import rules
from shared.participants.events import (
    ConsentTextRecorded,
    ParticipantChanged,
    ParticipantDuplicatesResolved,
    ParticipantInvited,
    ParticipantNoteAdded,
    ParticipantRegistered,
    ParticipantSignedUp,
    ParticipantWithdrawn,
    SignUpConfigured,
)


def _refuse(field: str, code: str) -> None:
    raise ValidationFailed([FieldError(field, code)])


def _stored(profile: dict) -> dict:
    return {field: profile[field] for field in rules.PROFILE_FIELDS}


def _check_known(current) -> None:
    if current is None:
        _refuse("participant_id", "unknown_participant")
    if current.merged_into is not None:
        _refuse("participant_id", "merged_participant")
    if getattr(current, "erased", False):  # erased for good (shared.privacy): nothing more
        _refuse("participant_id", "erased_participant")


def check_signup_open(
    settings: dict | None, signed_up: int, today: dt.date, *, invited: bool
) -> None:
    """The organiser's deadline, cap and mode, as they stand when the sign-up is stored."""
    settings = settings or {}
    mode = settings.get("mode", "closed")  # not open before the organiser opens it
    if mode == "closed" or (mode == "invitation" and not invited):
        _refuse("signup", "signup_closed")
    deadline = parse_date(settings.get("deadline") or "")
    if deadline is not None and today > deadline:
        _refuse("signup", "signup_deadline_passed")
    cap = settings.get("cap") or 0
    if cap and signed_up >= cap:
        _refuse("signup", "signup_full")


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

    # --- the register (issue 12) ---------------------------------------------------------------

    def sign_up_participant(
        self,
        participant_id: str,
        signup: dict,
        contact_sealed: str,
        consent_text: str,
        source: str,
        current=None,
        policy: tuple | None = None,
    ) -> None:
        """A sign-up with consent; ``current`` is the invitee (or withdrawn sign-up) it
        completes, if any. ``policy`` is ``(sign-up settings, sign-ups so far, today)`` for a
        sign-up by the participant (the organiser's import is not held to the deadline)."""
        if policy is not None:
            check_signup_open(*policy, invited=current is not None)
        clean = rules.validate_signup(signup)
        rules.check_registration(participant_id, contact_sealed, False)
        rules.check_digest("consent_text", consent_text)
        rules.check_one_of("source", source, rules.SOURCES)
        if current is not None:
            _check_known(current)
            if current.status == rules.STATUS_SIGNED_UP:
                _refuse("signup", "already_signed_up")
        self.trigger_event(
            ParticipantSignedUp,
            participant_id=participant_id,
            **_stored(clean),
            contact_sealed=contact_sealed,
            consent_text=consent_text,
            source=source,
        )

    def invite_participant(
        self, participant_id: str, invitee: dict, contact_sealed: str, source: str
    ) -> None:
        clean = rules.validate_invitee(invitee)
        rules.check_registration(participant_id, contact_sealed, False)
        rules.check_one_of("source", source, rules.SOURCES)
        self.trigger_event(
            ParticipantInvited,
            participant_id=participant_id,
            **_stored(clean),
            contact_sealed=contact_sealed,
            source=source,
        )

    def change_participant(
        self, participant_id: str, change: dict, contact_sealed: str, by: str, current
    ) -> None:
        """A new version of the profile. Being shown in public needs consent on record, and a
        participant who withdrew changes nothing more through their link (they sign up again)."""
        clean = rules.validate_change(change)
        rules.check_registration(participant_id, contact_sealed, False)
        rules.check_one_of("by", by, rules.BY)
        _check_known(current)
        if clean["show_public"] and not current.consented:
            _refuse("show_public", "no_consent")
        if by == "participant" and current.status == rules.STATUS_WITHDRAWN:
            _refuse("participant_id", "withdrawn")
        self.trigger_event(
            ParticipantChanged,
            participant_id=participant_id,
            **_stored(clean),
            contact_sealed=contact_sealed,
            by=by,
        )

    def withdraw_participant(self, participant_id: str, by: str, reason: str, current) -> None:
        rules.check_one_of("by", by, rules.BY)
        _check_known(current)
        if current.status == rules.STATUS_WITHDRAWN:
            _refuse("participant_id", "already_withdrawn")
        self.trigger_event(
            ParticipantWithdrawn,
            participant_id=participant_id,
            by=by,
            reason=rules.check_reason(reason),
        )

    def note_participant(self, participant_id: str, note_sealed: str, current) -> None:
        if current is None:
            _refuse("participant_id", "unknown_participant")
        if not note_sealed or len(note_sealed) > rules.MAX_SEALED:
            _refuse("note", "invalid_sealed_contact")
        self.trigger_event(
            ParticipantNoteAdded, participant_id=participant_id, note_sealed=note_sealed
        )

    def resolve_participant_duplicates(self, participant_ids: list[str], keep: str, known) -> None:
        """Merge alike participants into ``keep`` ("" : they are not the same); ``known``
        tells whether an id is in the register."""
        rules.check_duplicates_ruling(participant_ids, keep)
        if not all(known(pid) for pid in participant_ids):
            _refuse("participant_ids", "unknown_participant")
        self.trigger_event(
            ParticipantDuplicatesResolved, participant_ids=list(participant_ids), keep=keep
        )

    def record_consent_text(self, lang: str, text: str) -> str:
        digest = rules.consent_digest(text)
        rules.check_consent_text(digest, lang, text)
        self.trigger_event(ConsentTextRecorded, digest=digest, lang=lang, text=text)
        return digest

    def configure_signup(self, settings: dict) -> None:
        self.trigger_event(SignUpConfigured, **rules.validate_signup_settings(settings))
