"""The follow-up board: every counted deal with its card, and the filters the organiser uses
(due this week, overdue, status, sector). One row per deal, made once per request; the page,
``GET /api/followup``, the workbook and the emails all read these rows.

The next contact is the organiser's date, or else the deal's deadline. A deal is *overdue* when
that date has passed and its status is not settled (done, not feasible, not reached); it is
*due this week* when the date falls between today and Sunday. When the deadline itself has
passed on an unsettled deal, the board flags it: time to ask how it went.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass

from hub.followup.desk import notes_of
from shared.core.checks import parse_date
from shared.core.vocabulary import SECTORS
from shared.followup.rules import SETTLED, STATUSES
from shared.i18n import format_date, translate

VIEWS = ("week", "overdue", "flagged")


@dataclass(frozen=True)
class Party:
    participant_id: str
    name: str
    sector: str
    gives: str
    walk_in: bool


@dataclass(frozen=True)
class Row:
    deal: object  # DealView
    card: object  # shared.followup.projection.Card
    parties: tuple[Party, ...]
    next_contact: str
    next_is_deadline: bool
    overdue: bool
    due_this_week: bool
    flagged: bool  # the deadline passed and nobody settled it

    @property
    def id(self) -> str:
        return self.deal.id


def parties_of(deal, participants) -> tuple[Party, ...]:
    found = []
    for party in deal.parties:
        pid = party["participant_id"]
        p = participants.get(pid)
        found.append(
            Party(
                pid,
                p.name if p else "?",
                participants.sector_of(pid),
                party.get("gives", ""),
                bool(p and p.walk_in),
            )
        )
    return tuple(found)


def row_of(evening, deal, today: dt.date) -> Row:
    card = evening.followup.card(deal.id)
    next_contact = card.next_contact or deal.deadline
    when = parse_date(next_contact)
    deadline = parse_date(deal.deadline)
    open_ = card.status not in SETTLED
    sunday = today + dt.timedelta(days=6 - today.weekday())
    return Row(
        deal,
        card,
        parties_of(deal, evening.participants),
        next_contact,
        not card.next_contact,
        open_ and when is not None and when < today,
        open_ and when is not None and today <= when <= sunday,
        open_ and deadline is not None and deadline < today,
    )


_made: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # evening -> (version, today, rows)
_rows: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # evening -> {deal id: (key, row)}


def _kept_row(evening, deal, today: dt.date, held: dict) -> Row:
    """The deal's row from the last board when nothing it shows has changed since: the same
    deal view, card and participants (the fold makes a new object for each change)."""
    parts = (deal, evening.followup.card(deal.id), *map(evening.participants.get, deal.party_ids))
    found = held.get(deal.id)
    if (
        found is not None
        and found[0][0] == today
        and len(found[0]) == len(parts) + 1
        and all(a is b for a, b in zip(found[0][1:], parts, strict=True))
    ):
        return found[1]
    row = row_of(evening, deal, today)
    held[deal.id] = ((today, *parts), row)
    return row


def rows(evening, today: dt.date) -> list[Row]:
    """Every counted deal's row, by deadline. The list is kept until the evening changes (the
    organiser reloads the board far more often than anything changes), and each row until
    what it shows changes (a change on one card makes one row again, not five hundred)."""
    held = _made.get(evening)
    if held is not None and held[:2] == (evening.version, today):
        return held[2]
    kept = _rows.setdefault(evening, {})
    deals = sorted(evening.deals.counted_deals(), key=lambda d: (d.deadline, d.number))
    made = [_kept_row(evening, deal, today, kept) for deal in deals]
    _made[evening] = (evening.version, today, made)
    return made


class Labels:
    """The words and dates a board of hundreds of rows repeats, each looked up once."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._words: dict[str, str] = {}
        self._dates: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        if key not in self._words:
            self._words[key] = translate(key, self.lang)
        return self._words[key]

    def date(self, iso: str) -> str:
        if iso not in self._dates:
            self._dates[iso] = format_date(iso, self.lang)
        return self._dates[iso]


def clean_filters(args) -> dict:
    return {
        "view": args.get("view", "") if args.get("view") in VIEWS else "",
        "status": args.get("status", "") if args.get("status") in STATUSES else "",
        "sector": args.get("sector", "") if args.get("sector") in SECTORS else "",
    }


def wanted(row: Row, filters: dict) -> bool:
    view = filters["view"]
    if view == "week" and not row.due_this_week:
        return False
    if view == "overdue" and not row.overdue:
        return False
    if view == "flagged" and not row.flagged:
        return False
    if filters["status"] and row.card.status != filters["status"]:
        return False
    return not filters["sector"] or any(p.sector == filters["sector"] for p in row.parties)


def counts(all_rows: list[Row]) -> dict:
    found = {status: 0 for status in STATUSES}
    for row in all_rows:
        found[row.card.status] += 1
    found["overdue"] = sum(r.overdue for r in all_rows)
    found["due_this_week"] = sum(r.due_this_week for r in all_rows)
    found["flagged"] = sum(r.flagged for r in all_rows)
    return found


def row_json(row: Row, hub) -> dict:
    card = row.card
    return {
        "id": row.id,
        "number": row.deal.number,
        "parties": [
            {
                "participant_id": p.participant_id,
                "name": p.name,
                "sector": p.sector,
                "gives": p.gives,
            }
            for p in row.parties
        ],
        "category": row.deal.category,
        "kind": row.deal.kind,
        "deadline": row.deal.deadline,
        "status": card.status,
        "reason": card.reason,
        "last_contact": card.last_contact or None,
        "next_contact": row.next_contact or None,
        "next_is_deadline": row.next_is_deadline,
        "overdue": row.overdue,
        "due_this_week": row.due_this_week,
        "flagged": row.flagged,
        "notes": notes_of(hub).open(card.notes),
        "asked_on": card.asked_on or None,
        "answers": [
            {
                "participant_id": pid,
                "answer": step.changes["status"],
                "reason": step.changes.get("reason", ""),
                "on": step.changes["last_contact"],
            }
            for pid, step in card.answers.items()
        ],
        "held": len(card.held),
        "story": card.story,
        "revision": card.revision,
    }
