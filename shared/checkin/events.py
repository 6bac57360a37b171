"""The check-in facts, as they travel in every device's journal.

A check-in is identified, like every event, by ``(device, sequence)``: its *ref*
``"<device id>/<sequence>"``. An undo names the refs it takes back, so a check-in on another
tablet that this one never saw is not undone by it, whatever order the two arrive in.
"""

from __future__ import annotations

from shared.checkin import rules
from shared.core.device import ROLE_HUB, ROLE_KIOSK
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY

BOTH = frozenset({ROLE_HUB, ROLE_KIOSK})


@REGISTRY.event(
    "ParticipantCheckedIn",
    writers=BOTH,
    check=lambda ev: rules.check_check_in(ev.participant_id, ev.contact_for_hub, ev.walk_in),
)
class ParticipantCheckedIn(JournalEvent):
    """A participant came through the door. A walk-in registered there carries their contact
    details sealed for the hub's key alone (``contact_for_hub``; "" for everyone else), so
    the tablet that typed them keeps no readable copy."""

    participant_id: str
    walk_in: bool
    contact_for_hub: str


@REGISTRY.event(
    "CheckInUndone",
    writers=BOTH,
    check=lambda ev: rules.check_undo(ev.participant_id, ev.refs),
)
class CheckInUndone(JournalEvent):
    """A broker took back a check-in (the wrong name tapped): the refs of the check-ins undone."""

    participant_id: str
    refs: list


def _check_printed(ev) -> None:
    rules.check_printed(ev.participant_ids)


@REGISTRY.event("BadgesPrinted", writers=frozenset({ROLE_HUB}), check=_check_printed)
class BadgesPrinted(JournalEvent):
    """The organiser printed these participants' name tags (so "the ones not printed yet"
    leaves them out)."""

    participant_ids: list


def _check_shown(ev) -> None:
    if not isinstance(ev.show, bool):
        raise ValueError("show: not a boolean")


@REGISTRY.event("ArrivalsShownOnScreen", writers=frozenset({ROLE_HUB}), check=_check_shown)
class ArrivalsShownOnScreen(JournalEvent):
    """The organiser's choice to show "112 har kommet" on the stage screen before the hour."""

    show: bool
