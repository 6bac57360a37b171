"""The deals' facts. A tablet writes them; the hub may correct and void too."""

from __future__ import annotations

from shared.core.device import ROLE_HUB, ROLE_KIOSK
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY
from shared.deals import rules

ANY_DEVICE = frozenset({ROLE_HUB, ROLE_KIOSK})


def _content(ev) -> dict:
    return {k: getattr(ev, k) for k in ("parties", "category", "kind", "deadline", "broker")}


def check_settled_deal(ev) -> None:
    """A deal as stored: valid, and every party a participant id (walk-ins already added)."""
    clean = rules.validate_deal(_content(ev))
    if not all("participant_id" in p for p in clean["parties"]):
        raise ValueError("walk-ins must be settled")


def _check_registered(ev) -> None:
    rules.check_deal_id(ev.deal_id)
    if not isinstance(ev.number, int) or isinstance(ev.number, bool) or ev.number < 1:
        raise ValueError("number")
    check_settled_deal(ev)


def _check_corrected(ev) -> None:
    rules.check_deal_id(ev.deal_id)
    rules.check_ref("base", ev.base)
    check_settled_deal(ev)


def _check_voided(ev) -> None:
    rules.check_deal_id(ev.deal_id)
    rules.check_ref("base", ev.base)
    rules.validate_void({"reason": ev.reason})


def _check_void_undone(ev) -> None:
    rules.check_deal_id(ev.deal_id)
    rules.check_voids(ev.voids)


@REGISTRY.event("DealRegistered", writers=ANY_DEVICE, check=_check_registered)
class DealRegistered(JournalEvent):
    """A deal, with its short number on the device that registered it (``K7Q-12``)."""

    deal_id: str
    number: int
    parties: list
    category: str
    kind: str
    deadline: str
    broker: str

    def apply(self, aggregate) -> None:
        aggregate.deals_registered = self.number


@REGISTRY.event("DealCorrected", writers=ANY_DEVICE, check=_check_corrected)
class DealCorrected(JournalEvent):
    """A new version of a deal; ``base`` is the version the broker was looking at."""

    deal_id: str
    base: str
    parties: list
    category: str
    kind: str
    deadline: str
    broker: str


@REGISTRY.event("DealVoided", writers=ANY_DEVICE, check=_check_voided)
class DealVoided(JournalEvent):
    deal_id: str
    base: str
    reason: str


@REGISTRY.event("DealVoidUndone", writers=ANY_DEVICE, check=_check_void_undone)
class DealVoidUndone(JournalEvent):
    """A void taken back (on a tablet, offline too): the deal counts again as it stood. ``voids``
    names the voids the broker saw; one made elsewhere meanwhile still stands. (The hub's
    organiser may also rule, ``DealConflictResolved``; a tablet may not write rulings.)"""

    deal_id: str
    voids: list
