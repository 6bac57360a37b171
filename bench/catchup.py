"""Catch-up: a kiosk with ``queued`` deals saved while the hub was away, when the link returns.

The hub is killed (SIGKILL), the kiosk saves ``queued`` deals, the hub is started again on the
same port. Measured: from the moment the hub answers again until its ``/api/stats`` counts every
deal (the kiosk finds it by itself: its retry pause is what this includes). Baseline: the same
events pushed by hand in one go (what the transfer itself costs), in the same run.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import (
    Client,
    FakeKiosk,
    Row,
    deal_body,
    fake_device_events,
    hub_count,
    memory_mb,
    ms,
    ratio,
    say,
    seed_hub,
)
from bench.e2e import save_until_known, wait_count

NAME = "catchup"


def run(work: Path, programs, queued: int = 1000, away: float = 6.0) -> list[Row]:
    participants = seed_hub(work / "hub")
    hub = programs.hub(work / "hub")
    kiosk = programs.kiosk(work / "kiosk", hub.url)
    k = Client(kiosk.port)
    save_until_known(k, participants)
    h = Client(hub.port)
    wait_count(h, 1, timeout=20)
    h.close()
    hub.kill()

    count = len(participants)
    start = time.perf_counter()
    for i in range(queued):
        body = deal_body(participants[i % count], participants[(i + 11) % count], i)
        status, _ = k.json("POST", "/api/deals", body)
        assert status == 201, status
    saving = time.perf_counter() - start
    pending = k.json("GET", "/api/status")[1]["pending"]
    time.sleep(away)  # the hub stays away long enough for the kiosk's retry pause to grow

    started = time.perf_counter()
    hub = programs.hub(work / "hub", port=hub.port)
    answering = time.perf_counter()
    h = Client(hub.port)
    done = wait_count(h, queued + 1, timeout=60, interval=0.01)
    from_answer, from_start = done - answering, done - started
    hub_rss = memory_mb(hub.process.pid)
    assert hub_count(h) == queued + 1
    k.close()

    # Baseline: the same number of events pushed straight to the hub as one device, in 500s.
    fake = FakeKiosk(work / "hub", hub.url, work, fake_device_events(participants, queued))
    before = hub_count(h)
    t0 = time.perf_counter()
    for counter, body in fake.batches(500):
        status, answer = fake.push(h, counter, body)
        assert status == 200, answer
    wait_count(h, before + queued, timeout=60, interval=0.005)
    direct = time.perf_counter() - t0
    h.close()
    say(
        f"[{NAME}] {pending} pending; hub answering → all {queued + 1} counted in "
        f"{ms(from_answer)} ({ms(from_start)} from the hub's start); pushing the same by hand "
        f"{ms(direct)}; saving them offline took {ms(saving)}; hub RSS {hub_rss[0]:.0f} MB"
    )
    return [
        Row(
            NAME,
            f"{queued} queued events: link back → all counted",
            "≤ 3 s",
            f"{ms(from_answer)} ({ms(from_start)} incl. hub start)",
            f"direct push of {queued} {ms(direct)}",
            ratio(from_answer, direct),
            from_answer <= 3.0,
        )
    ]
