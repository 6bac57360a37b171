"""The follow-up's facts, all written by the hub: every change to a deal's follow-up is one.

A tablet never writes these (the hub refuses them from a push); they travel to tablets like
every hub event, so what could be personal (the organiser's notes) is sealed by the hub before
it is recorded, and only the hub can open it.
"""

from __future__ import annotations

from shared.core.device import ROLE_HUB
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY
from shared.deals.rules import check_deal_id
from shared.followup import rules

HUB = frozenset({ROLE_HUB})


def _check_recorded(ev) -> None:
    check_deal_id(ev.deal_id)
    rules.validate_change(ev.changes, sealed=True, current_reason="-")
    if ev.via not in rules.VIAS:
        raise ValueError("via")


def _check_asked(ev) -> None:
    check_deal_id(ev.deal_id)
    rules.check_date("asked_on", ev.asked_on)
    if not isinstance(ev.participant_ids, list) or len(ev.participant_ids) > rules.MAX_PARTIES:
        raise ValueError("participant_ids")


def _check_answered(ev) -> None:
    check_deal_id(ev.deal_id)
    rules.validate_answer({"answer": ev.answer, "reason": ev.reason})
    rules.check_date("answered_on", ev.answered_on)


def _check_held(ev) -> None:
    check_deal_id(ev.deal_id)
    rules.validate_change(ev.changes, sealed=True, current_reason="-")
    if not isinstance(ev.base, int) or ev.base < 0:
        raise ValueError("base")


def _check_story(ev) -> None:
    check_deal_id(ev.deal_id)
    rules.validate_story({"text": ev.text, "consents": ev.consents}, list(ev.consents))


@REGISTRY.event("FollowUpRecorded", writers=HUB, check=_check_recorded)
class FollowUpRecorded(JournalEvent):
    """The organiser changed a deal's follow-up (status, reason, contacts, notes): only the
    fields that changed; ``notes`` sealed. ``via``: the board, the workbook, or a held change
    the organiser took."""

    deal_id: str
    changes: dict
    via: str


@REGISTRY.event("FollowUpAsked", writers=HUB, check=_check_asked)
class FollowUpAsked(JournalEvent):
    """The parties of a deal whose deadline passed were emailed the question how it went."""

    deal_id: str
    participant_ids: list
    asked_on: str


@REGISTRY.event("FollowUpAnswered", writers=HUB, check=_check_answered)
class FollowUpAnswered(JournalEvent):
    """A party answered through their personal link: done, in progress, or not feasible."""

    deal_id: str
    participant_id: str
    answer: str
    reason: str
    answered_on: str


@REGISTRY.event("FollowUpChangeHeld", writers=HUB, check=_check_held)
class FollowUpChangeHeld(JournalEvent):
    """A change from a workbook that met a newer change on the board: kept beside it until
    the organiser chooses, never written over it. ``base``: the board's revision the workbook
    was made from."""

    deal_id: str
    held_id: str
    changes: dict
    base: int


@REGISTRY.event("FollowUpHeldSettled", writers=HUB)
class FollowUpHeldSettled(JournalEvent):
    """The organiser took a held change (it is recorded beside this) or let it go."""

    deal_id: str
    held_id: str
    taken: bool


@REGISTRY.event("SuccessStoryMarked", writers=HUB, check=_check_story)
class SuccessStoryMarked(JournalEvent):
    """A deal marked as a success to share, with the parties who agreed to be named; an empty
    text takes the story back."""

    deal_id: str
    text: str
    consents: list


@REGISTRY.event("FollowUpAskingSet", writers=HUB)
class FollowUpAskingSet(JournalEvent):
    """Whether the hub emails the parties when a deadline passes (off until turned on)."""

    on: bool


def _check_value(ev) -> None:
    check_deal_id(ev.deal_id)
    rules.validate_value({"kroner": ev.kroner})


def _check_default(ev) -> None:
    rules.validate_category_value({"category": ev.category, "kroner": ev.kroner})


@REGISTRY.event("DealValueEstimated", writers=HUB, check=_check_value)
class DealValueEstimated(JournalEvent):
    """The organiser's estimate of a deal's social value in kroner (0 takes it back to the
    category's default)."""

    deal_id: str
    kroner: int


@REGISTRY.event("CategoryValueSet", writers=HUB, check=_check_default)
class CategoryValueSet(JournalEvent):
    """The value in kroner a deal of this category counts when it has no estimate of its own."""

    category: str
    kroner: int
