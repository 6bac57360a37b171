"""The hour on stage: gongs, the clock, the screen's settings, records, and the board's figures.

A read model folded beside :class:`shared.evening.Evening` from the same log. Only the hub writes
stage events, so they are honoured only from a journal that opened with the hub's role.

**When is a deal late?** The hub decides, by the order of its own log, never by a tablet's
clock (promise 7): a deal is *late* when the hub stored its registration after it stored the
closing gong (``HourClosed``) and before any later opening gong. Late deals are kept and listed
like any other, and shown apart ("+3 after the gong"); they do not count towards the hour's
figure. A consequence worth knowing: a tablet that was offline at the gong delivers its
pre-gong deals after it, and they are marked late too; the organiser sees them flagged.

**Pace** is the number of deals that reached the hub in the last :data:`PACE_MINUTES` minutes on
the hub's clock. The hub notes the arrival time of every deal it folds while running; after a
restart, deals folded from the log fall back to their device time (the best there is).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from shared.domain.journal import EVENT_NAMES, ROLE_HUB
from shared.domain.vocabulary import CATEGORIES, SECTORS
from shared.evening import DealView, Evening, _bump

PACE_MINUTES = 10
MILESTONE_EVERY = 25
TICKER_LENGTH = 3

_STAGE_EVENTS = {
    "HourOpened",
    "HourClosed",
    "ClosingTimeMoved",
    "ScreenConfigured",
    "EarlierEveningRecorded",
    "EarlierEveningRemoved",
}

PHASE_BEFORE, PHASE_DURING, PHASE_AFTER = "before", "during", "after"


@dataclass(frozen=True)
class Gong:
    position: int
    opens: bool  # True: the opening gong; False: the closing gong
    at: dt.datetime  # the hub's clock when it was struck


@dataclass(frozen=True)
class EveningFigures:
    key: str  # record id for typed-in figures, "kept:<name>|<date>" for the hub's own
    name: str
    date: str
    deals: int
    participants: int
    kept: bool  # True when the hub kept them at a closing gong


class _Tally:
    """Counted deals of one kind (in the hour, or late): how many, by category, by sector pair."""

    __slots__ = ("categories", "count", "pairs")

    def __init__(self) -> None:
        self.count = 0
        self.categories: dict[str, int] = {}
        self.pairs: dict[str, int] = {}

    def add(self, category: str, pair: str, sign: int) -> None:
        self.count += sign
        _bump(self.categories, category, sign)
        _bump(self.pairs, pair, sign)

    def take(self, other: _Tally) -> None:
        self.count += other.count
        for category, n in other.categories.items():
            _bump(self.categories, category, n)
        for pair, n in other.pairs.items():
            _bump(self.pairs, pair, n)
        other.__init__()


class _Timeline:
    """A sorted multiset of times, changes merged in when it is read: counting a window is a
    bisection, and a restart's 100,000 arrivals are sorted once, not inserted one by one."""

    def __init__(self) -> None:
        self._sorted: list[dt.datetime] = []
        self._added: list[dt.datetime] = []
        self._dropped: list[dt.datetime] = []

    def change(self, at: dt.datetime, sign: int) -> None:
        (self._added if sign > 0 else self._dropped).append(at)
        if len(self._added) + len(self._dropped) > 2 * len(self._sorted) + 10_000:
            self._settle()  # nobody asked for a while: keep the pending lists short

    def clear(self) -> None:
        self._sorted.clear()
        self._added.clear()
        self._dropped.clear()

    def count(self, since: dt.datetime, until: dt.datetime) -> int:
        self._settle()
        return bisect.bisect_right(self._sorted, until) - bisect.bisect_left(self._sorted, since)

    def _settle(self) -> None:
        added, dropped = self._added, self._dropped
        if not added and not dropped:
            return
        times = self._sorted
        if len(added) > 64:
            times = self._sorted = sorted(times + added)
        else:
            for at in added:
                bisect.insort(times, at)
        if len(dropped) > 64:
            gone = Counter(dropped)
            kept = []
            for at in times:
                if gone.get(at):
                    gone[at] -= 1
                else:
                    kept.append(at)
            self._sorted = kept
        else:
            for at in dropped:
                i = bisect.bisect_left(times, at)
                if i < len(times) and times[i] == at:
                    del times[i]
        added.clear()
        dropped.clear()


@dataclass
class ScreenConfig:
    message: str = ""
    show_ticker: bool = True
    language: str = "nb"
    public_url: str = ""


class Stage:
    def __init__(self, evening: Evening) -> None:
        self.evening = evening
        self.gongs: list[Gong] = []
        self._gong_positions: list[int] = []
        self.screen = ScreenConfig()
        self._screen_position = -1
        self._closing_moved: tuple[int, str] | None = None
        self._settings_position = -1
        self._evening: tuple[str, str] | None = None
        self._typed: dict[str, EveningFigures] = {}
        self._kept: dict[str, EveningFigures] = {}
        self.arrivals: dict[str, dt.datetime] = {}
        self.live = False  # set by the hub once its log has been replayed at start
        # The board's figures, kept as deals change (the evening tells us), never a full pass:
        self._tallies = {False: _Tally(), True: _Tally()}  # by is_late
        self._arrived = _Timeline()  # arrival of every counted deal, for the pace
        evening.watch(self)
        self.recount_start()
        for view in evening.deals.values():
            if not view.voided:
                self.deal_counted(view, evening.deal_sector_pair(view), +1)

    # --- figures kept as the evening's deals change ----------------------------------------------

    def deal_counted(self, view: DealView, pair: str, sign: int) -> None:
        self._tallies[self.is_late(view)].add(view.category, pair, sign)
        self._arrived.change(self.arrivals.get(view.id, view.registered_at), sign)

    def recount_start(self) -> None:
        self._tallies = {False: _Tally(), True: _Tally()}
        self._arrived.clear()

    def _recount_hour(self) -> None:
        """Sort every counted deal into the hour or late again (a gong that moved the line)."""
        self._tallies = {False: _Tally(), True: _Tally()}
        evening = self.evening
        for view in evening.deals.values():
            if not view.voided:
                pair = evening.deal_sector_pair(view)
                self._tallies[self.is_late(view)].add(view.category, pair, +1)

    # --- folding -------------------------------------------------------------------------------

    def apply(self, ev, position: int, now: dt.datetime | None = None) -> None:
        """Fold one event the evening has just taken in (call only for fresh events)."""
        name = EVENT_NAMES.get(type(ev))
        if name == "DealRegistered":
            arrived = now if (self.live and now is not None) else ev.timestamp
            view = self.evening.deals.get(ev.deal_id)
            if view is None:
                self.arrivals[ev.deal_id] = arrived
                return
            before = self.arrivals.get(view.id, view.registered_at)
            if arrived != view.registered_at or view.id in self.arrivals:
                # (after a restart, arrival = device time = registered_at: nothing to keep)
                self.arrivals[view.id] = arrived
            if not view.voided and before != arrived:
                self._arrived.change(before, -1)
                self._arrived.change(arrived, +1)
            return
        if name == "EveningScheduled":
            self._settings_position = max(self._settings_position, position)
            evening = (ev.name, ev.date)
            if self._evening not in (None, evening):
                # Another evening on the same hub: the last one's gongs are history (its
                # figures were kept at its closing gong), this one starts before opening.
                self.gongs.clear()
                self._gong_positions.clear()
                self._tallies[False].take(self._tallies[True])  # no gong: nothing is late
            self._evening = evening
            return
        if name not in _STAGE_EVENTS or not self._from_hub(ev):
            return
        if name in ("HourOpened", "HourClosed"):
            gong = Gong(position=position, opens=name == "HourOpened", at=ev.timestamp)
            index = bisect.bisect(self._gong_positions, position)
            self._gong_positions.insert(index, position)
            self.gongs.insert(index, gong)
            if position <= self.evening.max_received:
                self._recount_hour()  # a gong among stored deals (not the hub's usual case)
            if name == "HourClosed":
                key = f"kept:{ev.name}|{ev.date}"
                self._kept[key] = EveningFigures(
                    key, ev.name, ev.date, ev.deals, ev.participants, kept=True
                )
        elif name == "ClosingTimeMoved":
            if self._closing_moved is None or position > self._closing_moved[0]:
                self._closing_moved = (position, ev.closes_at)
        elif name == "ScreenConfigured":
            if position > self._screen_position:
                self._screen_position = position
                self.screen = ScreenConfig(
                    ev.message, ev.show_ticker, ev.language, getattr(ev, "public_url", "")
                )
        elif name == "EarlierEveningRecorded":
            self._typed[ev.record_id] = EveningFigures(
                ev.record_id, ev.name, ev.date, ev.deals, ev.participants, kept=False
            )
        elif name == "EarlierEveningRemoved":
            self._typed.pop(ev.record_id, None)

    def _from_hub(self, ev) -> bool:
        device = self.evening.devices.get(str(ev.originator_id))
        return bool(device) and device["role"] == ROLE_HUB

    # --- the hour ------------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        if not self.gongs:
            return PHASE_BEFORE
        return PHASE_DURING if self.gongs[-1].opens else PHASE_AFTER

    @property
    def opened_at(self) -> dt.datetime | None:
        return next((g.at for g in self.gongs if g.opens), None)

    @property
    def closed_at(self) -> dt.datetime | None:
        return self.gongs[-1].at if self.phase == PHASE_AFTER else None

    def is_late(self, deal: DealView) -> bool:
        """True when the hub stored the deal while the hour was closed by a gong."""
        index = bisect.bisect_left(self._gong_positions, deal.received)
        return index > 0 and not self.gongs[index - 1].opens

    def _clock(self, field: str) -> dt.datetime | None:
        settings = self.evening.settings
        if not settings:
            return None
        value = settings[field]
        if (
            field == "closes_at"
            and self._closing_moved is not None
            and self._closing_moved[0] > self._settings_position
        ):
            value = self._closing_moved[1]
        return dt.datetime.fromisoformat(f"{settings['date']}T{value}").astimezone()

    def opens_at(self) -> dt.datetime | None:
        return self._clock("opens_at")

    def closes_at(self) -> dt.datetime | None:
        """The closing gong as planned; moved by ``ClosingTimeMoved`` during the evening."""
        return self._clock("closes_at")

    # --- records -------------------------------------------------------------------------------

    def current_key(self) -> str:
        settings = self.evening.settings or {}
        return f"kept:{settings.get('name', '')}|{settings.get('date', '')}"

    def earlier_evenings(self) -> list[EveningFigures]:
        """Every evening's figures but this one's, newest first."""
        current = self.current_key()
        rows = [f for f in [*self._typed.values(), *self._kept.values()] if f.key != current]
        return sorted(rows, key=lambda f: (f.date, f.name), reverse=True)

    def kept_figures(self) -> list[EveningFigures]:
        return sorted(self._kept.values(), key=lambda f: (f.date, f.name), reverse=True)

    def record(self) -> EveningFigures | None:
        """The best earlier evening by deals (ties: the earliest holds the record)."""
        rows = self.earlier_evenings()
        if not rows:
            return None
        return min(rows, key=lambda f: (-f.deals, f.date))

    # --- the board -----------------------------------------------------------------------------

    def hour_deals(self) -> list[DealView]:
        return [d for d in self.evening.counted_deals() if not self.is_late(d)]

    def late_deals(self) -> list[DealView]:
        return [d for d in self.evening.counted_deals() if self.is_late(d)]

    def hour_count(self) -> int:
        return self._tallies[False].count

    def late_count(self) -> int:
        return self._tallies[True].count

    def pace(self, now: dt.datetime, minutes: int = PACE_MINUTES) -> int:
        return self._arrived.count(now - dt.timedelta(minutes=minutes), now)

    def matrix(self, deals: list[DealView]) -> list[list[int | None]]:
        """Deals between sectors as a 3×3 table; each pair once, above the diagonal."""
        return self._matrix(Counter(self.evening.deal_sector_pair(d) for d in deals))

    @staticmethod
    def _matrix(pairs: dict) -> list[list[int | None]]:
        table: list[list[int | None]] = []
        for i, row in enumerate(SECTORS):
            table.append(
                [
                    pairs.get("+".join(sorted((row, col))), 0) if j >= i else None
                    for j, col in enumerate(SECTORS)
                ]
            )
        return table

    def by_category(self, deals: list[DealView]) -> list[tuple[str, int]]:
        return self._by_category(Counter(d.category for d in deals))

    @staticmethod
    def _by_category(counts: dict) -> list[tuple[str, int]]:
        known = [(c.value, counts.get(c.value, 0)) for c in CATEGORIES]
        extra = sorted((c, n) for c, n in counts.items() if c not in {k for k, _ in known})
        return known + extra

    def public_party(self, participant_id: str) -> dict:
        """How a party may be named in public: by name with consent, else by sector only."""
        p = self.evening.participants.get(participant_id)
        if p is None:
            return {"name": None, "sector": "unknown"}
        return {"name": p.name if p.consent_public else None, "sector": p.sector}

    def latest(self, limit: int) -> list[DealView]:
        """The counted deals the hub stored last, newest first."""
        evening = self.evening
        if not evening.received_in_order:
            return sorted(evening.counted_deals(), key=lambda d: d.received, reverse=True)[:limit]
        latest: list[DealView] = []  # the usual case: deals were seen in the log's order
        for deal in reversed(evening.deals.values()):
            if len(latest) >= limit:
                break
            if not deal.voided:
                latest.append(deal)
        return latest

    def ticker(self, limit: int = TICKER_LENGTH) -> list[dict]:
        latest = self.latest(limit)
        return [
            {
                "id": d.id,
                "parties": [self.public_party(pid) for pid in d.party_ids[:2]],
                "more": max(0, len(d.party_ids) - 2),
                "category": d.category,
                "late": self.is_late(d),
            }
            for d in latest[:limit]
        ]

    def board(self, now: dt.datetime) -> dict:
        """Everything the screen, the MC and the public page show, as plain data."""
        settings = self.evening.settings or {}
        hour = self._tallies[False]
        count = hour.count
        target = int(settings.get("target") or 0)
        record = self.record()
        opens, closes = self.opens_at(), self.closes_at()
        return {
            "phase": self.phase,
            "name": settings.get("name", ""),
            "date": settings.get("date", ""),
            "count": count,
            "late": self._tallies[True].count,
            "participants": len(self.evening.participants),
            "participants_by_sector": [
                (
                    sector.value,
                    sum(1 for p in self.evening.participants.values() if p.sector == sector),
                )
                for sector in SECTORS
            ],
            "target": target,
            "to_target": max(0, target - count) if target else None,
            "record": record,
            "to_record": (record.deals + 1 - count) if record else None,
            "pace": self.pace(now),
            "pace_minutes": PACE_MINUTES,
            "matrix": self._matrix(hour.pairs),
            "by_category": self._by_category(hour.categories),
            "ticker": self.ticker() if self.screen.show_ticker else [],
            "screen": self.screen,
            "opens_at": opens,
            "closes_at": closes,
            "opened_at": self.opened_at,
            "closed_at": self.closed_at,
            "now": now,
        }


# --- talking points for the MC ------------------------------------------------------------------

_WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True)
class TalkingPoint:
    category: str
    giver: str  # participant id of the one who offers
    taker: str  # participant id of the one who needs
    offer: str
    need: str
    shared_words: int


def _words(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.casefold())}


def talking_points(evening: Evening, limit: int = 12, per_giver: int = 2) -> list[TalkingPoint]:
    """Pairs where one's offer meets another's need in the same category, no deal between them
    yet: examples the MC can name from the stage, best fits (shared words) first."""
    offers: dict[str, list[tuple[str, str]]] = {}
    needs: dict[str, list[tuple[str, str]]] = {}
    for p in evening.participants.values():
        for item in p.offers:
            offers.setdefault(item.get("category", ""), []).append((p.id, item.get("text", "")))
        for item in p.needs:
            needs.setdefault(item.get("category", ""), []).append((p.id, item.get("text", "")))
    dealt = {frozenset(d.party_ids[:2]) for d in evening.counted_deals()}
    candidates = []
    for category, offered in offers.items():
        for giver, offer in offered:
            for taker, need in needs.get(category, []):
                if giver == taker or frozenset((giver, taker)) in dealt:
                    continue
                shared = len(_words(offer) & _words(need))
                cross = evening.sector_of(giver) != evening.sector_of(taker)
                candidates.append(
                    (
                        (-shared, not cross, evening.participants[giver].search_key, need),
                        TalkingPoint(category, giver, taker, offer, need, shared),
                    )
                )
    candidates.sort(key=lambda pair: pair[0])
    chosen: list[TalkingPoint] = []
    per: Counter = Counter()
    for _, point in candidates:
        if per[point.giver] >= per_giver or per[point.taker] >= per_giver:
            continue
        per[point.giver] += 1
        per[point.taker] += 1
        chosen.append(point)
        if len(chosen) >= limit:
            break
    return chosen
