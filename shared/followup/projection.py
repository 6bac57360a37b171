"""The follow-up board as everyone reads it: per deal, its status, contacts, notes, the
parties' answers, the changes held from a workbook, its success story, and the history of all.

Each deal's follow-up events are kept in :func:`~shared.core.runner.event_order` and its card
is folded from them when asked (and kept until the next event of that deal), so the card
depends only on the set of events (promise 3), however they arrived. A deal has a handful of
these events; folding one is a few microseconds.

``revision`` counts the changes to a card's fields: a workbook names the revision it was made
from, and :meth:`FollowUp.card` folds a card as it stood then, to tell what the organiser
changed in the sheet from what changed on the board since.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from shared.core.runner import Projection, event_order
from shared.followup.rules import NOT_FEASIBLE, OPEN

RECORDED, ANSWERED, ASKED, HELD, SETTLED_HELD, STORY = (
    "FollowUpRecorded",
    "FollowUpAnswered",
    "FollowUpAsked",
    "FollowUpChangeHeld",
    "FollowUpHeldSettled",
    "SuccessStoryMarked",
)
FIELD_CHANGES = (RECORDED, ANSWERED)  # what moves ``revision``


@dataclass(frozen=True)
class Step:
    """One line of a deal's follow-up history."""

    what: str  # the event's name
    at: dt.datetime
    changes: dict  # the fields it set (an answer: status, reason, last_contact)
    via: str = ""  # board, workbook, held; an answer: the participant's id
    held_id: str = ""


@dataclass
class Card:
    deal_id: str
    status: str = OPEN
    reason: str = ""
    last_contact: str = ""  # ISO date, "" before any
    next_contact: str = ""  # ISO date set by the organiser; "" means the deal's deadline
    notes: str = ""  # sealed by the hub
    revision: int = 0
    field_revisions: dict = field(default_factory=dict)  # field -> revision that last set it
    history: list[Step] = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # participant id -> Step of their last answer
    asked_on: str = ""
    held: dict = field(default_factory=dict)  # held id -> Step, while not settled
    story: str = ""
    story_consents: tuple = ()

    def set(self, changes: dict) -> None:
        self.revision += 1
        for name, value in changes.items():
            setattr(self, name, value)
            self.field_revisions[name] = self.revision


def _answer_changes(ev) -> dict:
    changes = {"status": ev.answer, "last_contact": ev.answered_on}
    if ev.answer == NOT_FEASIBLE:
        changes["reason"] = ev.reason
    return changes


def _fold(card: Card, name: str, ev) -> None:
    if name == RECORDED:
        card.set(dict(ev.changes))
        card.history.append(Step(name, ev.timestamp, dict(ev.changes), ev.via))
    elif name == ANSWERED:
        step = Step(
            name, ev.timestamp, {**_answer_changes(ev), "reason": ev.reason}, ev.participant_id
        )
        card.set(_answer_changes(ev))
        card.answers[ev.participant_id] = step
        card.history.append(step)
    elif name == ASKED:
        card.asked_on = max(card.asked_on, ev.asked_on)
        card.history.append(Step(name, ev.timestamp, {"asked": list(ev.participant_ids)}))
    elif name == HELD:
        step = Step(name, ev.timestamp, dict(ev.changes), "workbook", ev.held_id)
        card.held[ev.held_id] = (step, ev.base)
        card.history.append(step)
    elif name == SETTLED_HELD:
        card.held.pop(ev.held_id, None)
        card.history.append(Step(name, ev.timestamp, {"taken": ev.taken}, "", ev.held_id))
    elif name == STORY:
        card.story, card.story_consents = ev.text, tuple(ev.consents)
        card.history.append(Step(name, ev.timestamp, {"story": ev.text}))


def _latest(held: dict, key: str, order: tuple, value) -> None:
    if key not in held or order > held[key][0]:
        held[key] = (order, value)


class FollowUp(Projection):
    handles = {  # noqa: RUF012 - read once by the runner
        RECORDED: "on_deal_event",
        ANSWERED: "on_deal_event",
        ASKED: "on_deal_event",
        HELD: "on_deal_event",
        SETTLED_HELD: "on_deal_event",
        STORY: "on_deal_event",
        "FollowUpAskingSet": "on_asking_set",
        "DealValueEstimated": "on_value",
        "CategoryValueSet": "on_category_value",
    }

    def __init__(self) -> None:
        self._events: dict[str, list[tuple]] = {}  # deal id -> [(order, name, event)] sorted
        self._cards: dict[str, Card] = {}
        self._asking: tuple | None = None  # (order, on) of the latest setting
        self.changes = 0  # every follow-up event folded (what a page's cache may key on)
        self._values: dict[str, tuple] = {}  # deal id -> (order, kroner) of the latest estimate
        self._defaults: dict[str, tuple] = {}  # category -> (order, kroner)

    def on_deal_event(self, ev, origin: str, position: int) -> None:
        name = type(ev).__name__
        entries = self._events.setdefault(ev.deal_id, [])
        bisect.insort(entries, (event_order(ev), name, ev), key=lambda e: e[0])
        self._cards.pop(ev.deal_id, None)
        self.changes += 1

    def on_asking_set(self, ev, origin: str, position: int) -> None:
        order = event_order(ev)
        if self._asking is None or order > self._asking[0]:
            self._asking = (order, ev.on)
        self.changes += 1

    def on_value(self, ev, origin: str, position: int) -> None:
        _latest(self._values, ev.deal_id, event_order(ev), ev.kroner)
        self.changes += 1

    def on_category_value(self, ev, origin: str, position: int) -> None:
        _latest(self._defaults, ev.category, event_order(ev), ev.kroner)
        self.changes += 1

    def value_of(self, deal_id: str, category: str) -> tuple[int, bool]:
        """(kroner, estimated for this deal): its own estimate, or its category's default."""
        own = self._values.get(deal_id)
        if own is not None and own[1]:
            return own[1], True
        default = self._defaults.get(category)
        return (default[1] if default else 0), False

    def category_values(self) -> dict[str, int]:
        return {category: kroner for category, (_, kroner) in self._defaults.items()}

    @property
    def asking(self) -> bool:
        """Whether parties are emailed when a deadline passes."""
        return bool(self._asking and self._asking[1])

    def card(self, deal_id: str, upto: int | None = None) -> Card:
        """The deal's card (a fresh, open one when nothing was recorded); ``upto``: as it stood
        after that many field changes."""
        if upto is None and deal_id in self._cards:
            return self._cards[deal_id]
        card = Card(deal_id)
        for _, name, ev in self._events.get(deal_id, ()):
            if upto is not None and name in FIELD_CHANGES and card.revision >= upto:
                break
            _fold(card, name, ev)
        if upto is None:
            self._cards[deal_id] = card
        return card

    def __contains__(self, deal_id: object) -> bool:
        return deal_id in self._events

    def deal_ids(self) -> list[str]:
        """The deals that have any follow-up recorded."""
        return list(self._events)

    def stories(self) -> list[Card]:
        return [c for d in self._events if (c := self.card(d)).story]
