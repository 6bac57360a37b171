"""Rehearsal: what the practice costs the fold (in process, no HTTP).

1. Every event is asked whether it is practice once any rehearsal exists: the fold of an evening of
   ``deals`` deals from two tablets with a rehearsal held before them (every event asked), against
   the same evening's fold with no rehearsal at all (the check skipped), in the same run.
2. The wipe folds afresh from what the node holds: folding the wipe at the end of that evening
   against one plain fold of it.
"""

from __future__ import annotations

import gc
import time
import uuid
from pathlib import Path

from bench.common import Row, ms, ratio, say
from shared.evening import Evening
from tests.support.journals import Venue

NAME = "rehearsal"


def _evening(deals: int, rehearse: bool) -> tuple[list, list]:
    """The events of an evening (a practice of 20 deals first when ``rehearse``), and the wipe."""
    venue = Venue()
    if rehearse:
        rid = str(uuid.uuid4())
        venue.hub.start_rehearsal(rid, Evening().rehearsals, False)
        venue.kiosk1.join_rehearsal(rid)
        venue.collect()
        for _ in range(20):
            venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
        venue.kiosk1.leave_rehearsal(rid)
        venue.collect()
        state = Evening()
        for ev in venue.events:
            state.apply(ev)
        venue.hub.end_rehearsal(state.rehearsals)
        venue.collect()
    pairs = [("Sagene IF", "Bydel Sagene"), ("Rørleggeren AS", "Røde Kors Sagene")]
    for i in range(deals):
        a, b = pairs[i % 2]
        venue.register(venue.kiosk1 if i % 2 else venue.kiosk2, a, b)
    wipe: list = []
    if rehearse:
        state = Evening()
        for ev in venue.events:
            state.apply(ev)
        venue.hub.wipe_rehearsal(state.rehearsals)
        wipe = venue.hub.collect_events()
    return venue.events, wipe


def _fold(events: list, source: list | None = None) -> tuple[float, Evening]:
    evening = Evening()
    if source is not None:
        evening.source = lambda: [(ev, n) for n, ev in enumerate(source, start=1)]
    gc.collect()
    gc.disable()  # as the hub's replay does: the collector's passes would be most of the noise
    try:
        start = time.perf_counter()
        for n, ev in enumerate(events, start=1):
            evening.apply(ev, n)
        return time.perf_counter() - start, evening
    finally:
        gc.enable()


def best(runs: int, fn) -> float:
    return min(fn() for _ in range(runs))


def run(work: Path, programs, deals: int = 2000, runs: int = 5) -> list[Row]:
    plain, _ = _evening(deals, rehearse=False)
    rehearsed, wipe = _evening(deals, rehearse=True)
    plain_s = best(runs, lambda: _fold(plain)[0])
    asked_s = best(runs, lambda: _fold(rehearsed)[0])
    wiped_s = best(runs, lambda: _fold(rehearsed + wipe, rehearsed + wipe)[0])
    _, evening = _fold(rehearsed + wipe, rehearsed + wipe)
    assert evening.stats()["deals"] == deals, evening.stats()["deals"]
    say(f"[rehearsal] fold {len(plain)} events {ms(plain_s)}, asked each {ms(asked_s)}, "
        f"with the wipe (fold + fresh fold) {ms(wiped_s)}")  # fmt: skip
    return [
        Row(
            NAME,
            f"fold of {deals:,} deals with a rehearsal held before (each event asked)",
            "≤ 1.5× no rehearsal",
            ms(asked_s),
            f"no rehearsal {ms(plain_s)}",
            ratio(asked_s, plain_s),
            asked_s <= 1.5 * plain_s,
        ),
        Row(
            NAME,
            f"the wipe folded at the end of {deals:,} deals (a fresh fold of all)",
            "≤ 3× one fold",
            ms(wiped_s),
            f"one fold {ms(asked_s)}",
            ratio(wiped_s, asked_s),
            wiped_s <= 3 * asked_s,
        ),
    ]
