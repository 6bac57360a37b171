"""The journal's commands for the follow-up (the hub's journal only)."""

from __future__ import annotations

import uuid

from shared.deals.rules import check_deal_id
from shared.followup import events, rules


class FollowUpCommands:
    def record_followup(self, deal_id: str, changes: dict, via: str = "board") -> None:
        """``changes`` checked by the hub's service (it knows the reason on record), notes
        sealed; checked here again for shape."""
        check_deal_id(deal_id)
        clean = rules.validate_change(changes, sealed=True, current_reason="-")
        self.trigger_event(events.FollowUpRecorded, deal_id=deal_id, changes=clean, via=via)

    def ask_followup(self, deal_id: str, participant_ids: list[str], asked_on: str) -> None:
        check_deal_id(deal_id)
        rules.check_date("asked_on", asked_on)
        self.trigger_event(
            events.FollowUpAsked,
            deal_id=deal_id,
            participant_ids=list(participant_ids),
            asked_on=asked_on,
        )

    def answer_followup(
        self, deal_id: str, participant_id: str, data: dict, answered_on: str
    ) -> None:
        check_deal_id(deal_id)
        clean = rules.validate_answer(data)
        rules.check_date("answered_on", answered_on)
        self.trigger_event(
            events.FollowUpAnswered,
            deal_id=deal_id,
            participant_id=participant_id,
            answered_on=answered_on,
            **clean,
        )

    def hold_followup_change(self, deal_id: str, changes: dict, base: int) -> str:
        check_deal_id(deal_id)
        clean = rules.validate_change(changes, sealed=True, current_reason="-")
        held_id = str(uuid.uuid4())
        self.trigger_event(
            events.FollowUpChangeHeld, deal_id=deal_id, held_id=held_id, changes=clean, base=base
        )
        return held_id

    def settle_held_change(self, deal_id: str, held_id: str, taken: bool, changes: dict) -> None:
        """Take a held change (recorded now, ``via="held"``) or let it go."""
        if taken:
            self.record_followup(deal_id, changes, via="held")
        self.trigger_event(
            events.FollowUpHeldSettled, deal_id=deal_id, held_id=held_id, taken=bool(taken)
        )

    def mark_story(self, deal_id: str, data: dict, party_ids: list[str]) -> None:
        check_deal_id(deal_id)
        clean = rules.validate_story(data, party_ids)
        self.trigger_event(events.SuccessStoryMarked, deal_id=deal_id, **clean)

    def set_followup_asking(self, on: bool) -> None:
        self.trigger_event(events.FollowUpAskingSet, on=bool(on))

    def estimate_deal_value(self, deal_id: str, data: dict) -> None:
        check_deal_id(deal_id)
        self.trigger_event(
            events.DealValueEstimated, deal_id=deal_id, kroner=rules.validate_value(data)
        )

    def set_category_value(self, data: dict) -> None:
        self.trigger_event(events.CategoryValueSet, **rules.validate_category_value(data))
