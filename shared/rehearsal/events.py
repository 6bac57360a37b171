"""The rehearsal's facts. The organiser starts, ends and wipes (the hub); each tablet notes in
its own journal when it joined and left the practice, so that what it wrote in between, and
only that, is practice wherever its journal travels (docs/rehearsal.md)."""

from __future__ import annotations

from shared.core.device import ROLE_HUB, ROLE_KIOSK
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY
from shared.rehearsal.rules import check_rehearsal_id

HUB_ONLY = frozenset({ROLE_HUB})
# A tablet notes joining and leaving; the hub never needs to (its window is start to end), but
# may, as it may write everything a tablet does.
ANY_DEVICE = frozenset({ROLE_HUB, ROLE_KIOSK})


def _check(ev) -> None:
    check_rehearsal_id(ev.rehearsal_id)


@REGISTRY.event("RehearsalStarted", writers=HUB_ONLY, check=_check)
class RehearsalStarted(JournalEvent):
    """The organiser opened a practice: the hub's own deals and check-ins after this are practice,
    and every tablet that learns of it joins."""

    rehearsal_id: str


@REGISTRY.event("RehearsalEnded", writers=HUB_ONLY, check=_check)
class RehearsalEnded(JournalEvent):
    """The practice is over: what is written from now on is the real evening."""

    rehearsal_id: str


@REGISTRY.event("RehearsalWiped", writers=HUB_ONLY, check=_check)
class RehearsalWiped(JournalEvent):
    """Every fact of the practice leaves every projection on every node that folds this."""

    rehearsal_id: str


@REGISTRY.event("RehearsalJoined", writers=ANY_DEVICE, check=_check)
class RehearsalJoined(JournalEvent):
    """This tablet learnt that a practice runs: what it writes after this is practice."""

    rehearsal_id: str


@REGISTRY.event("RehearsalLeft", writers=ANY_DEVICE, check=_check)
class RehearsalLeft(JournalEvent):
    """This tablet learnt that the practice ended (or was wiped): back to the real evening."""

    rehearsal_id: str
