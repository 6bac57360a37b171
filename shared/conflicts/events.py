"""The organiser's rulings. Only the hub writes them.

A ruling never deletes or rewrites what a tablet recorded: it is one more fact that names the
versions it settles, so every node folds it the same way and the history stays whole. The deal
list folds the rulings on deals (:mod:`shared.deals.projection`), the participants fold the
merges (:mod:`shared.participants.projection`), this room lists what is still open.
"""

from __future__ import annotations

from shared.conflicts import rules
from shared.core.device import ROLE_HUB
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY
from shared.deals.events import check_settled_deal
from shared.deals.rules import MAX_REASON, check_deal_id

HUB_ONLY = frozenset({ROLE_HUB})


def _check_deal_ruling(ev) -> None:
    check_deal_id(ev.deal_id)
    rules.check_refs("supersedes", ev.supersedes)
    if not isinstance(ev.voided, bool):
        raise ValueError("voided")
    if not isinstance(ev.reason, str) or len(ev.reason) > MAX_REASON:
        raise ValueError("reason")
    check_settled_deal(ev)


@REGISTRY.event("DealConflictResolved", writers=HUB_ONLY, check=_check_deal_ruling)
class DealConflictResolved(JournalEvent):
    """A deal whose versions diverged: this version (one of them, or a merge) stands, or the
    deal is voided; ``supersedes`` names every head and void settled."""

    deal_id: str
    supersedes: list
    parties: list
    category: str
    kind: str
    deadline: str
    broker: str
    voided: bool
    reason: str


@REGISTRY.event(
    "DuplicateDealsResolved",
    writers=HUB_ONLY,
    check=lambda ev: rules.check_duplicates_ruling(ev.deal_ids, ev.keep),
)
class DuplicateDealsResolved(JournalEvent):
    """Deals suspected to be one handshake registered twice: ``keep`` stand, the rest void."""

    deal_ids: list
    keep: list


@REGISTRY.event(
    "WalkInsResolved",
    writers=HUB_ONLY,
    check=lambda ev: rules.check_walk_ins_ruling(ev.participant_ids, ev.keep),
)
class WalkInsResolved(JournalEvent):
    """Walk-ins added on several tablets: merged into ``keep``, or ``""``: different people."""

    participant_ids: list
    keep: str
