"""What stands out about a deal on the organiser's pages and in the exports, in one place:
voided, late (saved after the closing gong), in conflict, suspected double."""

from __future__ import annotations

from shared.evening import Evening

VOIDED, LATE, CONFLICT, DOUBLE = "voided", "late", "conflict", "double"
STATUSES = (LATE, CONFLICT, DOUBLE, VOIDED)


def suspected_doubles(evening: Evening) -> set[str]:
    """Deals on the organiser's list of suspected double registrations, not yet ruled on."""
    return {
        deal_id
        for conflict in evening.conflicts.all()
        if conflict["kind"] == "double_registration"
        for deal_id in conflict["deal_ids"]
    }


def statuses_of(deal, evening: Evening, doubles: set[str]) -> list[str]:
    """The deal's marks, in the order they are shown; none for an ordinary deal."""
    marks = []
    if not deal.voided and evening.stage.is_late(deal):
        marks.append(LATE)
    if deal.conflict:
        marks.append(CONFLICT)
    if deal.id in doubles and not deal.voided:
        marks.append(DOUBLE)
    if deal.voided:
        marks.append(VOIDED)
    return marks
