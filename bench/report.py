"""The evening's report (issue 16) on a real ``bors hub``: an evening of ``participants`` and
``deals`` (the follow-up bench's seed, a third of the deals followed up). Target: the report as
a page (``GET /report``) and as a PDF (``GET /report.pdf``) each in ≤ 5 s; ``GET /api/report``
measured beside them. Baseline, same run: GETs to a hello-world app on waitress."""

from __future__ import annotations

import time
from pathlib import Path

from bench.common import Client, Row, ms, percentile, ratio, say, start_hello, stop
from bench.followup import seed

NAME = "report"
PATHS = ("/report", "/report.pdf", "/api/report")


def run(work: Path, programs, participants: int = 300, deals: int = 500, rounds: int = 5):
    from tests.support.auth import login_session

    seed(work / "hub", participants, deals)
    hub = programs.hub(work / "hub")
    session = login_session(hub.url)
    times: dict[str, list[float]] = {path: [] for path in PATHS}
    for n in range(rounds + 1):
        for path in PATHS:
            t0 = time.perf_counter()
            answer = session.get(hub.url + path, timeout=60)
            took = time.perf_counter() - t0
            assert answer.status_code == 200, (path, answer.status_code)
            if n:  # the first round warms the templates and the font
                times[path].append(took)
    session.close()
    hub.stop()

    hello, port = start_hello(work)
    client = Client(port)
    client.request("GET", "/")
    base_times = []
    for _ in range(rounds * 3):
        t0 = time.perf_counter()
        client.request("GET", "/")
        base_times.append(time.perf_counter() - t0)
    client.close()
    stop(hello)
    base = percentile(base_times, 95)
    rows = []
    for path in PATHS:
        worst = max(times[path])
        middle = percentile(times[path], 50)
        say(f"[{NAME}] GET {path}, {deals} deals, {participants} participants: "
            f"max {ms(worst)} p50 {ms(middle)}; hello p95 {ms(base)}")  # fmt: skip
        rows.append(
            Row(
                NAME,
                f"GET {path}, {deals} deals and {participants} participants, slowest of {rounds}",
                "≤ 5 s" if path != "/api/report" else "-",
                ms(worst),
                f"hello GET p95 {ms(base)}",
                ratio(worst, base),
                worst <= 5.0 if path != "/api/report" else None,
            )
        )
    return rows
