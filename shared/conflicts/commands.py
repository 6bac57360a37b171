"""The journal's commands for the organiser's rulings (the hub's journal only)."""

from __future__ import annotations

from shared.conflicts import rules
from shared.conflicts.events import DealConflictResolved, DuplicateDealsResolved, WalkInsResolved
from shared.deals.commands import deal_content
from shared.deals.rules import any_participant, check_deal_id, validate_deal


class ConflictCommands:
    def resolve_deal(
        self, deal_id: str, supersedes: list[str], version: dict, voided: bool, reason: str = ""
    ) -> None:
        """Settle a deal whose versions diverged: ``version`` (one of them, or a merge) wins,
        or the deal is voided; ``supersedes`` names every head and void being settled."""
        check_deal_id(deal_id)
        supersedes = sorted(set(supersedes))
        rules.check_refs("supersedes", supersedes)
        clean = validate_deal(version, any_participant)
        self.trigger_event(
            DealConflictResolved,
            deal_id=deal_id,
            supersedes=supersedes,
            **deal_content(clean, clean["parties"]),
            voided=bool(voided),
            reason=rules.clean_reason(reason),
        )

    def resolve_duplicates(self, deal_ids: list[str], keep: list[str]) -> None:
        """Deals suspected to be one handshake registered twice: keep ``keep``, void the rest."""
        deal_ids, keep = sorted(set(deal_ids)), sorted(set(keep))
        rules.check_duplicates_ruling(deal_ids, keep)
        self.trigger_event(DuplicateDealsResolved, deal_ids=deal_ids, keep=keep)

    def resolve_walk_ins(self, participant_ids: list[str], keep: str) -> None:
        """Walk-ins added on several tablets: merge them into ``keep``, or ``keep=""`` when they
        are different people after all."""
        participant_ids = sorted(set(participant_ids))
        rules.check_walk_ins_ruling(participant_ids, keep)
        self.trigger_event(WalkInsResolved, participant_ids=participant_ids, keep=keep)
