"""Growth: per-operation cost as the log grows from 1,000 to 100,000 events.

One hub and one kiosk in this process. At each size the hub's log is grown (in-process
``Hub.ingest`` from fake kiosks) and the kiosk's mirror is filled with the hub's log, as after
an evening's pulls; then the hot paths are timed through the real Flask apps (test client):

- kiosk: a deal saved through the form (commit + page with the tablet's deal list),
- hub: a batch of 10 events ingested (per event); then ``/api/stats`` and the stage board
  (``/screen/live``) first after that change (what a change costs, once), and again unchanged
  (what each of 300 viewers costs between changes).

Flat means the cost at the largest size is within 2× of the smallest. The baseline is a raw
sqlite3 INSERT+COMMIT at the same sizes (the storage engine's own growth).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from bench.common import (
    DEAL_TEMPLATE,
    Row,
    fake_device_events,
    ms,
    percentile,
    raw_insert_commit,
    say,
    seed_hub,
    wire_rows,
)

NAME = "growth"
BATCH = 10  # events per timed ingest


def _median_time(fn, ops: int) -> float:
    times = []
    for i in range(ops):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return percentile(times, 50)


def run(work: Path, programs, sizes=(1_000, 10_000, 100_000), ops: int = 40) -> list[Row]:
    from hub import create_app as hub_app
    from hub.service import Hub
    from kiosk import create_app as kiosk_app
    from kiosk.service import Kiosk

    participants = seed_hub(work / "hub")
    hub = Hub(work / "hub")
    kiosk = Kiosk(work / "kiosk")
    hub_client = hub_app(hub).test_client()
    kiosk_client = kiosk_app(kiosk).test_client()
    page = kiosk_client.get("/").data
    token = re.search(rb'name="csrf-token" content="([^"]+)"', page)
    headers = {"X-CSRF-Token": token.group(1).decode()} if token else {}
    raw_db = work / "raw.sqlite"

    results = {}
    count = len(participants)
    grown = hub.store.head()
    measured_at = []
    for size in sizes:
        # Grow the hub's log to ``size`` events, from 10 fake kiosks.
        while hub.store.head() < size:
            deals = max(1, min(5000, (size - grown) // 10))
            journal = fake_device_events(participants, deals, spread=60.0)
            for i in range(0, len(journal), 500):
                hub.ingest({"device": journal[0]["origin"], "events": journal[i : i + 500]})
            grown = hub.store.head()
        # The kiosk pulls it all into its mirror, as its sync worker would.
        while True:
            page_of_log = hub.pull(kiosk.mirror.position())["events"]
            if not kiosk.absorb(page_of_log):
                break

        def form_save(i: int) -> None:
            a, b = participants[i % count], participants[(i + 3) % count]
            form = {
                "party_count": "2",
                "p0_id": a,
                "p0_gives": f"Lokale {i}",
                "p1_id": b,
                "p1_gives": "Kurs",
                **DEAL_TEMPLATE,
            }
            answer = kiosk_client.post("/deals", data=form, headers=headers)
            assert answer.status_code == 201, answer.status_code

        measured_at.append(hub.store.head())
        fresh = fake_device_events(participants, ops * BATCH)
        device = fresh[0]["origin"]
        hub.ingest({"device": device, "events": fresh[:1]})

        timed: dict[str, list[float]] = {
            "hub ingest, per event": [],
            "hub /api/stats, first after a change": [],
            "hub /api/stats, unchanged": [],
            "hub /screen/live, new board": [],
            "hub /screen/live, unchanged (204)": [],
        }

        def clock(what: str, call, timed=timed) -> object:
            start = time.perf_counter()
            result = call()
            timed[what].append(time.perf_counter() - start)
            return result

        for i in range(ops):
            batch = fresh[1 + i * BATCH : 1 + (i + 1) * BATCH]
            clock(
                "hub ingest, per event",
                lambda b=batch, d=device: hub.ingest({"device": d, "events": b}),
            )
            timed["hub ingest, per event"][-1] /= BATCH
            clock("hub /api/stats, first after a change", lambda: hub_client.get("/api/stats"))
            clock("hub /api/stats, unchanged", lambda: hub_client.get("/api/stats"))
            board = clock("hub /screen/live, new board", lambda: hub_client.get("/screen/live?v=0"))
            key = re.search(rb'data-key="([^"]+)"', board.data)
            live = f"/screen/live?v={key.group(1).decode() if key else ''}"
            clock("hub /screen/live, unchanged (204)", lambda u=live: hub_client.get(u))

        rows = wire_rows(fake_device_events(participants, ops))
        base = percentile(raw_insert_commit(raw_db, rows), 50)
        results[size] = {
            "kiosk form save": _median_time(form_save, ops),
            **{what: percentile(times, 50) for what, times in timed.items()},
            "raw INSERT+COMMIT": base,
        }
        say(
            f"[{NAME}] log {hub.store.head():,} events (kiosk mirror {kiosk.mirror.position():,}): "
            + ", ".join(f"{k} {ms(v)}" for k, v in results[size].items())
        )
    hub.close()
    kiosk.close()

    small, large = sizes[0], sizes[-1]
    out = []
    base_ratio = results[large]["raw INSERT+COMMIT"] / results[small]["raw INSERT+COMMIT"]
    for what in results[small]:
        if what == "raw INSERT+COMMIT":
            continue
        series = " → ".join(ms(results[s][what]) for s in sizes)
        grow = results[large][what] / results[small][what]
        out.append(
            Row(
                NAME,
                f"{what} at {' / '.join(f'{n:,}' for n in measured_at)} events",
                "flat (≤ 2×)",
                series,
                f"raw INSERT+COMMIT grew {base_ratio:.1f}×",
                f"{grow:.1f}×",
                grow <= 2.0,
            )
        )
    return out
