"""Kiosk: a deal saved (HTTP POST → committed → page answered), and the event-log append alone.

A real ``bors kiosk`` with the hub online (its sync worker pushes every save, as on the evening)
takes ``saves`` deals through the broker's own path: the form POST that answers with the
fresh form and the tablet's deal list. The JSON API is measured too. Baselines in the same run:
a hello-world POST to waitress, and a raw sqlite3 INSERT+COMMIT of the same event rows.
"""

from __future__ import annotations

import re
import time
import urllib.parse
from pathlib import Path

from bench.common import (
    Client,
    Row,
    deal_body,
    memory_mb,
    ms,
    percentile,
    ratio,
    raw_insert_commit,
    say,
    seed_hub,
    start_hello,
    stop,
)

NAME = "kiosk_save"


def form_body(a: str, b: str, n: int) -> bytes:
    fields = {
        "party_count": "2",
        "p0_mode": "chosen",
        "p0_id": a,
        "p0_gives": f"Lokale {n}",
        "p1_mode": "chosen",
        "p1_id": b,
        "p1_gives": "Kurs",
        "category": "premises",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }
    return urllib.parse.urlencode(fields).encode()


# As the broker's browser sends it: an htmx form post, answered with the fresh form and the
# tablet's deal list (out of band).
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"}


def append_only(work: Path, participants: list[str], saves: int) -> tuple[list[float], list]:
    """In-process: time ``JournalStore.save`` of one new deal event, nothing else."""
    from shared.core.device import ROLE_KIOSK
    from shared.core.store import JournalStore

    store = JournalStore(work / "append.sqlite")
    import uuid

    journal = store.open_journal(uuid.uuid4(), ROLE_KIOSK, "Bench")
    times, stored = [], []
    count = len(participants)
    for i in range(saves):
        journal.register_deal(
            deal_body(participants[i % count], participants[(i + 1) % count], i), lambda _p: True
        )
        pending = list(journal.pending_events)
        start = time.perf_counter()
        store.save(journal)
        times.append(time.perf_counter() - start)
        stored.extend(store.mapper.to_stored_event(e) for e in pending)
    store.close()
    rows = [(s.originator_id.hex, s.originator_version, s.topic, s.state) for s in stored]
    return times, rows


def run(work: Path, programs, saves: int = 2000, api_saves: int = 500) -> list[Row]:
    participants = seed_hub(work / "hub")
    hub = programs.hub(work / "hub")
    kiosk = programs.kiosk(work / "kiosk", hub.url)
    client = Client(kiosk.port)
    # The broker's browser: the page gives the session cookie and the CSRF token that htmx
    # sends with every request (issue 5); a kiosk without CSRF simply ignores both.
    _, page = client.request("GET", "/")
    token = re.search(rb'name="csrf-token" content="([^"]+)"', page)
    headers = {**FORM_HEADERS, "X-CSRF-Token": token.group(1).decode() if token else ""}
    a, b = participants[0], participants[1]
    # The kiosk can save once it has mirrored the participants from the hub.
    deadline = time.monotonic() + 20
    while client.request("POST", "/deals", form_body(a, b, 0), headers)[0] != 201:
        if time.monotonic() > deadline:
            raise RuntimeError("the kiosk never learned the participants")
        time.sleep(0.1)

    count = len(participants)
    form_times = []
    for i in range(saves):
        body = form_body(participants[i % count], participants[(i + 7) % count], i)
        start = time.perf_counter()
        status, _ = client.request("POST", "/deals", body, headers)
        form_times.append(time.perf_counter() - start)
        assert status == 201, status
    api_times = []
    for i in range(api_saves):
        import json

        payload = json.dumps(deal_body(participants[i % count], participants[(i + 3) % count], i))
        start = time.perf_counter()
        # The session cookie rides along, so the token must too (issue 11 item 20).
        json_headers = {"Content-Type": "application/json", "X-CSRF-Token": headers["X-CSRF-Token"]}
        status, _ = client.request("POST", "/api/deals", payload.encode(), json_headers)
        api_times.append(time.perf_counter() - start)
        assert status == 201, status
    kiosk_rss, kiosk_hwm = memory_mb(kiosk.process.pid)
    client.close()

    hello, port = start_hello(work)
    hello_client = Client(port)
    sample = form_body(a, b, 0)
    hello_times = []
    for _ in range(saves):
        start = time.perf_counter()
        hello_client.request("POST", "/deals", sample, headers)
        hello_times.append(time.perf_counter() - start)
    hello_client.close()
    stop(hello)

    append_times, rows = append_only(work, participants, saves)
    raw_times = raw_insert_commit(work / "raw.sqlite", rows)

    p99 = percentile(form_times, 99)
    hello_p99 = percentile(hello_times, 99)
    first = percentile(form_times[:200], 50)
    last = percentile(form_times[-200:], 50)
    append_p50, raw_p50 = percentile(append_times, 50), percentile(raw_times, 50)
    append_p99, raw_p99 = percentile(append_times, 99), percentile(raw_times, 99)
    say(
        f"[{NAME}] form POST p50 {ms(percentile(form_times, 50))} p99 {ms(p99)} "
        f"(first 200 p50 {ms(first)}, last 200 p50 {ms(last)}); "
        f"API POST p50 {ms(percentile(api_times, 50))} p99 {ms(percentile(api_times, 99))}; "
        f"hello p50 {ms(percentile(hello_times, 50))} p99 {ms(hello_p99)}"
    )
    say(
        f"[{NAME}] append p50 {ms(append_p50)} p99 {ms(append_p99)}; raw sqlite3 INSERT+COMMIT "
        f"p50 {ms(raw_p50)} p99 {ms(raw_p99)}; kiosk RSS {kiosk_rss:.0f} MB (peak {kiosk_hwm:.0f})"
    )
    return [
        Row(
            NAME,
            f"deal saved, form POST → page, p99 over {saves}",
            "≤ 25 ms",
            ms(p99),
            f"hello-world POST p99 {ms(hello_p99)}",
            ratio(p99, hello_p99),
            p99 <= 0.025,
        ),
        Row(
            NAME,
            "same, p50 of first 200 → last 200 saves",
            "flat",
            f"{ms(first)} → {ms(last)}",
            "",
            ratio(last, first),
            last <= first * 1.5 + 0.001,
        ),
        Row(
            NAME,
            f"deal saved, JSON API POST, p99 over {api_saves}",
            "≤ 25 ms",
            ms(percentile(api_times, 99)),
            f"hello-world POST p99 {ms(hello_p99)}",
            ratio(percentile(api_times, 99), hello_p99),
            percentile(api_times, 99) <= 0.025,
        ),
        Row(
            NAME,
            "event-log append (JournalStore.save), p50",
            "≤ 3× raw",
            ms(append_p50),
            f"raw INSERT+COMMIT p50 {ms(raw_p50)}",
            ratio(append_p50, raw_p50),
            append_p50 <= 3 * raw_p50,
        ),
        Row(
            NAME,
            "event-log append, p99",
            "≤ 3× raw",
            ms(append_p99),
            f"raw INSERT+COMMIT p99 {ms(raw_p99)}",
            ratio(append_p99, raw_p99),
            append_p99 <= 3 * raw_p99,
        ),
        Row(
            NAME,
            f"kiosk RSS after {saves + api_saves} saves (peak)",
            "≤ 80 MB",
            f"{kiosk_rss:.0f} MB ({kiosk_hwm:.0f})",
            "",
            "",
            kiosk_hwm <= 80,
        ),
    ]
