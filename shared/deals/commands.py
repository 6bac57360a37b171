"""The journal's commands for deals: each checks the deal first, then records the fact."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from shared.deals import rules
from shared.deals.events import DealCorrected, DealRegistered, DealVoided, DealVoidUndone


def deal_content(clean: dict, parties: list[dict]) -> dict:
    """The fields every version of a deal carries, from a deal checked by the rules."""
    return {
        "parties": parties,
        "category": clean["category"],
        "kind": clean["kind"],
        "deadline": clean["deadline"],
        "broker": clean["broker"],
    }


def deal_content_of(view) -> dict:
    """What a correction is compared with: the deal as it stands (a :class:`DealView`)."""
    return {
        "parties": view.parties,
        "category": view.category,
        "kind": view.kind,
        "deadline": view.deadline,
        "broker": view.broker,
    }


class DealCommands:
    deals_registered = 0

    def register_deal(
        self, deal: dict, is_known_participant: Callable[[str], bool]
    ) -> tuple[str, int, list[str]]:
        """Register a deal, first adding any walk-in parties as participants.

        Returns the deal id, its short number on this device, and the ids of walk-ins added.
        """
        clean = rules.validate_deal(deal, is_known_participant, not_before=dt.date.today())
        parties, walk_in_ids = self._settle_walk_ins(clean["parties"])
        deal_id = str(uuid.uuid4())
        number = self.deals_registered + 1
        self.trigger_event(
            DealRegistered,
            deal_id=deal_id,
            number=number,
            **deal_content(clean, parties),
        )
        return deal_id, number, walk_in_ids

    def correct_deal(
        self,
        deal_id: str,
        base: str,
        deal: dict,
        is_known_participant: Callable[[str], bool],
        current: dict | None = None,
    ) -> list[str]:
        """Record a new version of a deal; ``base`` is the revision the broker was looking at.

        ``current`` (:func:`deal_content_of` the deal at ``base``) lets the rules refuse a
        correction that changes nothing, and keep a deadline that has passed since.
        """
        rules.check_deal_id(deal_id)
        rules.check_ref("base", base)
        clean = rules.validate_deal(
            deal, is_known_participant, not_before=dt.date.today(), current=current
        )
        parties, walk_in_ids = self._settle_walk_ins(clean["parties"])
        self.trigger_event(
            DealCorrected,
            deal_id=deal_id,
            base=base,
            **deal_content(clean, parties),
        )
        return walk_in_ids

    def void_deal(self, deal_id: str, base: str, data: dict) -> None:
        rules.check_deal_id(deal_id)
        rules.check_ref("base", base)
        self.trigger_event(DealVoided, deal_id=deal_id, base=base, **rules.validate_void(data))

    def undo_void(self, deal_id: str, voids: list[str]) -> None:
        """Take back the deal's open voids (the refs the broker saw): it counts again."""
        rules.check_deal_id(deal_id)
        rules.check_voids(voids)
        self.trigger_event(DealVoidUndone, deal_id=deal_id, voids=list(voids))

    def _settle_walk_ins(self, parties: list[dict]) -> tuple[list[dict], list[str]]:
        """Walk-ins typed at a deal become participants of their own first."""
        settled, added = [], []
        for party in parties:
            walk_in = party.get("walk_in")
            if walk_in:
                participant_id = str(uuid.uuid4())
                self.register_participant(
                    participant_id, {**walk_in, "consent_public": False}, "", walk_in=True
                )
                added.append(participant_id)
                settled.append({"participant_id": participant_id, "gives": party["gives"]})
            else:
                settled.append({"participant_id": party["participant_id"], "gives": party["gives"]})
        return settled, added
