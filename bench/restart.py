"""Hub restart: projections rebuilt from ``events`` events in the log.

The log is made fast by driving ``Hub.ingest`` in-process with real journal events from 20 fake
kiosks (so every event went through the same checks as on the evening). Then a real ``bors hub``
process is started on it: measured from the start of the process until ``/api/stats`` answers
with every deal counted, and, in a separate process, the ``Hub(...)`` rebuild alone. Baseline:
a raw sqlite3 program reading the same log and decoding every event's JSON, in the same run.

``python -m bench.restart DIR`` times ``Hub(DIR)`` and prints ``{"seconds", "rss_mb"}``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.common import (
    ROOT,
    Client,
    Row,
    fake_device_events,
    hub_count,
    memory_mb,
    ms,
    ratio,
    say,
    seed_hub,
)

NAME = "restart"
DEVICES = 20
SPREAD = 60.0  # seconds between a device's deals: the log is weeks of evenings


def fill(hub_dir: Path, participants: list[str], events: int, devices: int = DEVICES) -> int:
    """Ingest ``events`` deal events from ``devices`` fake kiosks; returns deals counted."""
    from hub.service import Hub

    hub = Hub(hub_dir)
    try:
        per = max(1, events // devices)
        for _ in range(devices):
            journal = fake_device_events(participants, per, spread=SPREAD)
            device = journal[0]["origin"]
            for i in range(0, len(journal), 500):
                hub.ingest({"device": device, "events": journal[i : i + 500]})
        return hub.stats()["deals"]
    finally:
        hub.close()


def raw_read(db_path: Path) -> float:
    """Seconds to read every stored event and decode its JSON with bare sqlite3."""
    start = time.perf_counter()
    db = sqlite3.connect(db_path)
    for _rowid, _origin, _version, _topic, state in db.execute(
        "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events "
        "ORDER BY rowid"
    ):
        json.loads(state)
    db.close()
    return time.perf_counter() - start


def rebuild_alone(hub_dir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.restart", str(hub_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(work: Path, programs, events: int = 100_000) -> list[Row]:
    from tests.support.processes import Program, free_port

    hub_dir = work / "hub"
    participants = seed_hub(hub_dir)
    t0 = time.perf_counter()
    deals = fill(hub_dir, participants, events)
    filled = time.perf_counter() - t0
    say(f"[{NAME}] made a log of {deals} deals in {filled:.1f} s (in-process Hub.ingest)")

    raw = raw_read(hub_dir / "hub.sqlite")
    alone = rebuild_alone(hub_dir)

    port = free_port()
    args = ["hub", "--data", str(hub_dir), "--port", str(port), "--host", "127.0.0.1"]
    program = Program("hub", [*args, "--no-advertise"], port, hub_dir, work)
    programs.started.append(program)
    start = time.perf_counter()
    program.start("/api/stats", timeout=120)
    ready = time.perf_counter() - start
    client = Client(port)
    counted = hub_count(client)
    client.close()
    assert counted == deals, (counted, deals)
    rss, hwm = memory_mb(program.process.pid)
    say(
        f"[{NAME}] {events} events: process start → /api/stats answers {ms(ready)}; Hub() "
        f"rebuild alone {ms(alone['seconds'])} (CPU {ms(alone['cpu_seconds'])}); "
        f"raw sqlite3 read+decode {ms(raw)}; "
        f"hub RSS {rss:.0f} MB (peak {hwm:.0f}), rebuild-alone process {alone['rss_mb']:.0f} MB"
    )
    return [
        Row(
            NAME,
            f"hub restart on {events:,} events → counts answered",
            "≤ 5 s",
            f"{ms(ready)} (rebuild alone {ms(alone['seconds'])}, CPU {ms(alone['cpu_seconds'])})",
            f"raw read+decode {ms(raw)}",
            ratio(alone["seconds"], raw),
            ready <= 5.0,
        ),
        Row(
            NAME,
            f"hub RSS after restart on {events:,} events (peak)",
            "≤ 150 MB",
            f"{rss:.0f} MB ({hwm:.0f})",
            "",
            "",
            hwm <= 150,
        ),
    ]


def main() -> None:
    from hub.service import Hub

    start, cpu = time.perf_counter(), time.process_time()
    hub = Hub(Path(sys.argv[1]))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    hub.close()
    rss = memory_mb(os.getpid())[1]
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "rss_mb": rss}))


if __name__ == "__main__":
    main()
