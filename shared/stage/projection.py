"""The hour on stage, folded from the same log as the deals.

Only the hub writes stage events, so they are honoured only from a journal that opened with the
hub's role.

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
import dataclasses
import datetime as dt
from dataclasses import dataclass

from shared.core.device import ROLE_HUB
from shared.core.devices import Devices
from shared.core.runner import Projection
from shared.deals.projection import Deals
from shared.deals.revisions import DealView
from shared.participants.projection import Participants
from shared.schedule.projection import Schedule
from shared.stage.counting import Tally, Timeline
from shared.stage.events import HourOpened

PACE_MINUTES = 10

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


@dataclass
class ScreenConfig:
    message: str = ""
    show_ticker: bool = True
    language: str = "nb"
    public_url: str = ""
    show_value: bool = False  # the running social value (the report's total) on the screen


class Stage(Projection):
    handles = {  # noqa: RUF012 - read once by the runner
        "DealRegistered": "on_deal_registered",
        "EveningScheduled": "on_scheduled",
        "HourOpened": "on_gong",
        "HourClosed": "on_gong",
        "ClosingTimeMoved": "on_closing_time_moved",
        "ScreenConfigured": "on_screen_configured",
        "EarlierEveningRecorded": "on_earlier_evening_recorded",
        "EarlierEveningRemoved": "on_earlier_evening_removed",
    }

    def __init__(
        self, deals: Deals, participants: Participants, schedule: Schedule, devices: Devices
    ) -> None:
        self.deals = deals
        self.participants = participants
        self.schedule = schedule
        self.devices = devices
        deals.listen(self)
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
        # The board's figures, kept as deals change (the deals tell us), never a full pass:
        self.tallies = {False: Tally(), True: Tally()}  # by is_late
        self._arrived = Timeline()  # arrival of every counted deal, for the pace

    # --- figures kept as the evening's deals change ----------------------------------------------

    def deal_view(self, view: DealView, party_ids: list[str], pair: str | None, sign: int):
        if pair is None:
            return  # voided: not on the board
        self.tallies[self.is_late(view)].add(view.category, pair, sign)
        self._arrived.change(self.arrivals.get(view.id, view.registered_at), sign)

    def recount_start(self) -> None:
        self.tallies = {False: Tally(), True: Tally()}
        self._arrived.clear()

    def _recount_hour(self) -> None:
        """Sort every counted deal into the hour or late again (a gong that moved the line)."""
        self.tallies = {False: Tally(), True: Tally()}
        for view in self.deals.values():
            if not view.voided:
                pair = self.deals.sector_pair(view)
                self.tallies[self.is_late(view)].add(view.category, pair, +1)

    # --- folding -------------------------------------------------------------------------------

    def on_deal_registered(self, ev, origin: str, position: int) -> None:
        arrived = self.runner.now or ev.timestamp
        view = self.deals.get(ev.deal_id)
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

    def on_scheduled(self, ev, origin: str, position: int) -> None:
        self._settings_position = max(self._settings_position, position)
        evening = (ev.name, ev.date)
        if self._evening not in (None, evening):
            # Another evening on the same hub: the last one's gongs are history (its figures
            # were kept at its closing gong), this one starts before opening.
            self.gongs.clear()
            self._gong_positions.clear()
            self.tallies[False].take(self.tallies[True])  # no gong: nothing is late
        self._evening = evening

    def _from_hub(self, origin: str) -> bool:
        return self.devices.role_of(origin) == ROLE_HUB

    def on_gong(self, ev, origin: str, position: int) -> None:
        if not self._from_hub(origin):
            return
        opens = isinstance(ev, HourOpened)
        gong = Gong(position=position, opens=opens, at=ev.timestamp)
        index = bisect.bisect(self._gong_positions, position)
        self._gong_positions.insert(index, position)
        self.gongs.insert(index, gong)
        if position <= self.deals.max_received:
            self._recount_hour()  # a gong among stored deals (not the hub's usual case)
        if not opens:
            key = f"kept:{ev.name}|{ev.date}"
            self._kept[key] = EveningFigures(
                key, ev.name, ev.date, ev.deals, ev.participants, kept=True
            )

    def on_closing_time_moved(self, ev, origin: str, position: int) -> None:
        if self._from_hub(origin) and (
            self._closing_moved is None or position > self._closing_moved[0]
        ):
            self._closing_moved = (position, ev.closes_at)

    def on_screen_configured(self, ev, origin: str, position: int) -> None:
        if self._from_hub(origin) and position > self._screen_position:
            self._screen_position = position
            self.screen = ScreenConfig(
                ev.message,
                ev.show_ticker,
                ev.language,
                getattr(ev, "public_url", ""),
                getattr(ev, "show_value", False),
            )

    def on_earlier_evening_recorded(self, ev, origin: str, position: int) -> None:
        if self._from_hub(origin):
            self._typed[ev.record_id] = EveningFigures(
                ev.record_id, ev.name, ev.date, ev.deals, ev.participants, kept=False
            )

    def on_earlier_evening_removed(self, ev, origin: str, position: int) -> None:
        if self._from_hub(origin):
            self._typed.pop(ev.record_id, None)

    # --- the hour ------------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        if not self.gongs:
            return PHASE_BEFORE
        return PHASE_DURING if self.gongs[-1].opens else PHASE_AFTER

    @property
    def shown_screen(self) -> ScreenConfig:
        """The screen's settings as the hall sees them: a message put up before the closing
        gong ("5 minutes left!") comes down with it; one put up after it stays."""
        screen = self.screen
        closed = self.phase == PHASE_AFTER
        if screen.message and closed and self._screen_position < self.gongs[-1].position:
            return dataclasses.replace(screen, message="")
        return screen

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
        settings = self.schedule.settings
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
        settings = self.schedule.settings or {}
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

    # --- counts --------------------------------------------------------------------------------

    def hour_deals(self) -> list[DealView]:
        return [d for d in self.deals.counted_deals() if not self.is_late(d)]

    def late_deals(self) -> list[DealView]:
        return [d for d in self.deals.counted_deals() if self.is_late(d)]

    def hour_count(self) -> int:
        return self.tallies[False].count

    def late_count(self) -> int:
        return self.tallies[True].count

    def pace(self, now: dt.datetime, minutes: int = PACE_MINUTES) -> int:
        return self._arrived.count(now - dt.timedelta(minutes=minutes), now)

    def latest(self, limit: int) -> list[DealView]:
        """The counted deals the hub stored last, newest first."""
        deals = self.deals
        if not deals.received_in_order:
            return sorted(deals.counted_deals(), key=lambda d: d.received, reverse=True)[:limit]
        latest: list[DealView] = []  # the usual case: deals were seen in the log's order
        for deal in reversed(deals.values()):
            if len(latest) >= limit:
                break
            if not deal.voided:
                latest.append(deal)
        return latest
