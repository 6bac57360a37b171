"""Many evenings on one hub: closing an evening of 500 deals and 300 participants into the
archive and starting the next (``bors hub new-evening``'s work), and opening the archived
evening's report the first time (digest check and fold). Baseline, in the same run: a hub
restart on the same folder (the replay every ``bors hub`` start does)."""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import Row, ms, ratio, say
from bench.followup import seed

NAME = "evenings"


def _restart(folder: Path) -> float:
    from hub.service import Hub

    t0 = time.perf_counter()
    Hub(folder).close()
    return time.perf_counter() - t0


def run(work: Path, programs, participants: int = 300, deals: int = 500, rounds: int = 3):
    from hub.evenings import archive
    from hub.evenings.closing import start_next_evening
    from hub.reports.figures import report

    folder = work / "hub"
    seed(folder, participants, deals)
    base = min(_restart(folder) for _ in range(rounds))
    t0 = time.perf_counter()
    done = start_next_evening(folder, "2027-11-24")
    closing = time.perf_counter() - t0
    opening = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        figures = report(archive.fold(done.archived))
        opening.append(time.perf_counter() - t0)
    assert figures["deals"]["total"] == done.archived.deals
    first = min(opening)
    say(f"[{NAME}] new evening {ms(closing)} ({done.participants} carried), archived report "
        f"{ms(first)}; restart {ms(base)}")  # fmt: skip
    size = f"{deals} deals and {participants} participants"
    return [
        Row(
            NAME,
            f"close into the archive and start the next, {size}",
            "-",
            ms(closing),
            f"hub restart {ms(base)}",
            ratio(closing, base),
            None,
        ),
        Row(
            NAME,
            f"an archived evening's report, first opening, {size}",
            "-",
            ms(first),
            f"hub restart {ms(base)}",
            ratio(first, base),
            None,
        ),
    ]
