"""Kiosk: a check-in at the door (tap → committed → row answered), p99 against hello-world.

A real ``bors kiosk``, paired with a real hub on the demo evening (60 participants) and syncing
as on the evening, takes ``taps`` taps through the broker's own path: the htmx form POST of
/checkin/tap that answers the participant's row, the notice and the count. A participant
already here is undone first (not timed), so every timed tap writes a new check-in. The JSON
API (POST /api/checkins) is measured too. Baseline in the same run: a hello-world POST to
waitress in its own process, and a raw sqlite3 INSERT+COMMIT of a check-in-sized row (what
the disk alone costs: each tap commits before it answers, promise 1).
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import uuid
from pathlib import Path

from bench.common import (
    Client,
    Row,
    ms,
    percentile,
    ratio,
    raw_insert_commit,
    say,
    seed_hub,
    start_hello,
    stop,
)

NAME = "checkin"
FORM = {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"}


def _form(participant_id: str) -> bytes:
    return urllib.parse.urlencode({"participant_id": participant_id}).encode()


def _timed_taps(client: Client, people: list[str], taps: int, headers: dict) -> list[float]:
    times = []
    for i in range(taps):
        pid = people[i % len(people)]
        if i >= len(people):  # here since the last round: undone first, not timed
            status, _ = client.request("POST", "/checkin/undo", _form(pid), headers)
            assert status == 200, status
        start = time.perf_counter()
        status, _ = client.request("POST", "/checkin/tap", _form(pid), headers)
        times.append(time.perf_counter() - start)
        assert status == 201, status
    return times


def _timed_api(client: Client, people: list[str], headers: dict) -> list[float]:
    json_headers = {"Content-Type": "application/json", "X-CSRF-Token": headers["X-CSRF-Token"]}
    times = []
    for pid in people:
        client.request("POST", "/checkin/undo", _form(pid), headers)
        body = json.dumps({"participant_id": pid}).encode()
        start = time.perf_counter()
        status, _ = client.request("POST", "/api/checkins", body, json_headers)
        times.append(time.perf_counter() - start)
        assert status == 201, status
    return times


def _hello(work: Path, taps: int, headers: dict) -> list[float]:
    hello, port = start_hello(work)
    client = Client(port)
    times = []
    for i in range(taps):
        start = time.perf_counter()
        client.request("POST", "/checkin/tap", _form(str(i)), headers)
        times.append(time.perf_counter() - start)
    client.close()
    stop(hello)
    return times


def run(work: Path, programs, taps: int = 1000) -> list[Row]:
    people = seed_hub(work / "hub")
    hub = programs.hub(work / "hub")
    kiosk = programs.kiosk(work / "kiosk", hub.url)
    client = Client(kiosk.port)
    _, page = client.request("GET", "/checkin")
    token = re.search(rb'name="csrf-token" content="([^"]+)"', page)
    headers = {**FORM, "X-CSRF-Token": token.group(1).decode() if token else ""}
    deadline = time.monotonic() + 20
    while b"unknown_participant" in client.request("GET", f"/api/participants?q={people[0]}")[1]:
        if time.monotonic() > deadline:
            raise RuntimeError("the kiosk never learned the participants")
        time.sleep(0.1)
    while client.json("GET", "/api/checkins")[1]["arrived"] == 0 and time.monotonic() < deadline:
        status, _ = client.request("POST", "/checkin/tap", _form(people[0]), headers)
        if status != 201:
            time.sleep(0.1)  # the tablet has not mirrored the participants yet
    client.request("POST", "/checkin/undo", _form(people[0]), headers)

    tap_times = _timed_taps(client, people, taps, headers)
    api_times = _timed_api(client, people, headers)
    client.close()
    hello_times = _hello(work, taps, headers)
    row = (uuid.uuid4().hex, 0, "shared.checkin.events:ParticipantCheckedIn", b"x" * 400)
    raw_times = raw_insert_commit(
        work / "raw.sqlite", [(row[0], n + 1, row[2], row[3]) for n in range(taps)]
    )

    p99, hello_p99 = percentile(tap_times, 99), percentile(hello_times, 99)
    api_p99 = percentile(api_times, 99)
    raw_p99 = percentile(raw_times, 99)
    say(
        f"[{NAME}] tap p50 {ms(percentile(tap_times, 50))} p99 {ms(p99)}; API p50 "
        f"{ms(percentile(api_times, 50))} p99 {ms(api_p99)}; hello p50 "
        f"{ms(percentile(hello_times, 50))} p99 {ms(hello_p99)}; raw INSERT+COMMIT p50 "
        f"{ms(percentile(raw_times, 50))} p99 {ms(raw_p99)}"
    )
    return [
        Row(
            NAME,
            f"check-in tap → saved → row, p99 over {taps}",
            "≤ 25 ms",
            ms(p99),
            f"hello-world POST p99 {ms(hello_p99)}",
            ratio(p99, hello_p99),
            p99 <= 0.025,
        ),
        Row(
            NAME,
            f"check-in, JSON API POST, p99 over {len(api_times)}",
            "≤ 25 ms",
            ms(api_p99),
            f"hello-world POST p99 {ms(hello_p99)}",
            ratio(api_p99, hello_p99),
            api_p99 <= 0.025,
        ),
        Row(
            NAME,
            "check-in tap p99 against the disk's own commit p99",
            "-",
            ms(p99),
            f"raw sqlite3 INSERT+COMMIT p99 {ms(raw_p99)}",
            ratio(p99, raw_p99),
            None,
        ),
    ]
