"""Kiosk → hub → count: a deal saved on a kiosk, until the hub's ``/api/stats`` counts it.

A real hub and a real kiosk (its sync worker wakes on every save) on loopback. Each deal is
saved through the kiosk's JSON API, then ``/api/stats`` on the hub is polled every 2 ms until the
count moves. Baseline: one hello-world round trip on waitress in the same run.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import (
    Client,
    Row,
    deal_body,
    hub_count,
    memory_mb,
    ms,
    percentile,
    ratio,
    say,
    seed_hub,
    start_hello,
    stop,
)

NAME = "e2e"


def wait_count(client: Client, expected: int, timeout: float, interval: float = 0.002) -> float:
    """Seconds until the hub counts ``expected`` deals (polling); raises on timeout."""
    deadline = time.perf_counter() + timeout
    while True:
        if hub_count(client) >= expected:
            return time.perf_counter()
        if time.perf_counter() > deadline:
            raise TimeoutError(f"hub never counted {expected} deals")
        time.sleep(interval)


def save_until_known(kiosk: Client, participants: list[str], timeout: float = 20.0) -> None:
    """The first deal: accepted once the kiosk has mirrored the participants from the hub."""
    deadline = time.monotonic() + timeout
    while kiosk.json("POST", "/api/deals", deal_body(participants[0], participants[1]))[0] != 201:
        if time.monotonic() > deadline:
            raise RuntimeError("the kiosk never learned the participants")
        time.sleep(0.1)


def run(work: Path, programs, deals: int = 300) -> list[Row]:
    participants = seed_hub(work / "hub")
    hub = programs.hub(work / "hub")
    kiosk = programs.kiosk(work / "kiosk", hub.url)
    k, h = Client(kiosk.port), Client(hub.port)
    save_until_known(k, participants)
    wait_count(h, 1, timeout=20)
    count = len(participants)
    latencies = []
    for i in range(deals):
        body = deal_body(participants[i % count], participants[(i + 5) % count], i)
        start = time.perf_counter()
        status, _ = k.json("POST", "/api/deals", body)
        assert status == 201, status
        latencies.append(wait_count(h, i + 2, timeout=30) - start)
        time.sleep(0.01)  # brokers are not machines: let the worker go back to sleep
    hub_rss = memory_mb(hub.process.pid)
    kiosk_rss = memory_mb(kiosk.process.pid)
    k.close()
    h.close()

    hello, port = start_hello(work)
    c = Client(port)
    hello_times = []
    for _ in range(deals):
        start = time.perf_counter()
        c.request("GET", "/api/stats")
        hello_times.append(time.perf_counter() - start)
    c.close()
    stop(hello)

    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    base = percentile(hello_times, 50)
    say(
        f"[{NAME}] save → counted on the hub: p50 {ms(p50)} p95 {ms(p95)} max "
        f"{ms(max(latencies))} over {deals}; hello round trip p50 {ms(base)}; "
        f"hub RSS {hub_rss[0]:.0f} MB, kiosk RSS {kiosk_rss[0]:.0f} MB"
    )
    return [
        Row(
            NAME,
            f"kiosk save → hub /api/stats counts it, p95 over {deals}",
            "≤ 300 ms",
            f"{ms(p95)} (p50 {ms(p50)})",
            f"hello round trip p50 {ms(base)}",
            ratio(p95, base),
            p95 <= 0.3,
        )
    ]
