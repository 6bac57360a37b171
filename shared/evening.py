"""The evening as everyone sees it: every room's projection, folded by one runner.

The hub and every kiosk run this same fold over the events they hold, so the stage screen, the
organiser's list and a tablet's mirror agree (promise 3). The projections are listed in the
order they fold each event: a projection may read those before it (the deals read the
participants' sectors, the stage reads the deals) and listen to their changes.
"""

from __future__ import annotations

import shared.journal  # noqa: F401 - every room's events registered before the fold starts
from shared.catalogue.projection import Catalogue
from shared.checkin.projection import Arrivals
from shared.conflicts.projection import Conflicts
from shared.core.devices import Devices
from shared.core.runner import Runner
from shared.deals.projection import Deals
from shared.followup.projection import FollowUp
from shared.participants.projection import Participants
from shared.privacy.projection import Privacy
from shared.rehearsal.projection import MARKERS, Rehearsals
from shared.schedule.projection import Schedule
from shared.stage.projection import Stage


class Evening(Runner):
    def __init__(self) -> None:
        self.rehearsals = Rehearsals()  # asked before each event is folded (see apply)
        # What this node holds, to fold afresh when a rehearsal is wiped: a callable giving
        # (event, position) pairs, set by the hub or the kiosk (hub.rehearsal, kiosk.rehearsal).
        self.source = None
        self.devices = Devices()
        self.schedule = Schedule()
        self.participants = Participants()
        self.deals = Deals(self.participants)
        self.conflicts = Conflicts(self.deals, self.participants)
        self.stage = Stage(self.deals, self.participants, self.schedule, self.devices)
        self.catalogue = Catalogue(self.participants)
        self.privacy = Privacy()
        self.followup = FollowUp()
        self.arrivals = Arrivals(self.participants)
        super().__init__(
            [
                self.rehearsals,
                self.devices,
                self.schedule,
                self.participants,
                self.deals,
                self.conflicts,
                self.stage,
                self.catalogue,
                self.privacy,
                self.arrivals,
                self.followup,
            ]
        )
        self._stats_at: tuple[int, dict] | None = None  # (version, figures)

    def apply(self, ev, position: int = 0) -> bool:
        """Fold one event in, unless it is a fact of a wiped rehearsal (seen, folded by none)."""
        rehearsals = self.rehearsals
        if rehearsals.started:
            practice = rehearsals.practice_of(ev, str(ev.originator_id))
            if practice is not None and rehearsals.note(practice, ev):
                return self.pass_over(ev)
        applied = super().apply(ev, position)
        if rehearsals.refold_due and self.source is not None:
            self.refold()
        return applied

    def refold(self) -> None:
        """Fold afresh from :attr:`source` without any wiped practice: the rehearsal's markers
        first (so the windows are known), then everything. Called under the fold's lock."""
        fresh = Evening()
        held = list(self.source())
        for ev, position in held:
            if type(ev) in MARKERS:
                fresh.apply(ev, position)
        for ev, position in held:
            fresh.apply(ev, position)
        lock, version, source = self.lock, self.version, self.source
        self.__dict__.update(fresh.__dict__)
        self.lock, self.source = lock, source
        self.version = version + fresh.version + 1  # never back: caches keyed on it go stale
        self._stats_at = None
        self.rehearsals.refold_due = False
        for projection in self.projections:
            projection.runner = self

    @property
    def settings(self) -> dict | None:
        """The evening's plan (name, venue, date, times, target), or None before it is set."""
        return self.schedule.settings

    def stats(self) -> dict:
        """The evening's figures in one dict (what ``/api/stats`` and the screens poll).

        Kept as deals change by each projection, put together once per change of the evening.
        """
        if self._stats_at is None or self._stats_at[0] != self.version:
            deals = self.deals
            self._stats_at = (
                self.version,
                {
                    "deals": deals.counted,
                    "voided": deals.voided,
                    "by_sector_pair": dict(deals.by_pair),
                    "by_category": dict(deals.by_category),
                    "conflicts": self.conflicts.count(),
                    "participants": self.participants.unmerged,
                    "arrived": self.arrivals.count(),
                    "arrived_by_sector": self.arrivals.by_sector(),
                },
            )
        figures = self._stats_at[1]
        return {
            **figures,
            "by_sector_pair": dict(figures["by_sector_pair"]),
            "by_category": dict(figures["by_category"]),
            "arrived_by_sector": dict(figures["arrived_by_sector"]),
        }
