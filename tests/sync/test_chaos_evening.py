"""The chaos evening: promises 1, 2 and 3 on a simulated venue LAN, with everything going wrong.

A hub and ten kiosks run as real ``bors`` programs, each in its own network namespace, finding
each other by zeroconf. Brokers (threads of this test, a bounded pool) register 100 deals on
every tablet through the kiosk's HTTP API, correcting and voiding some, while at random moments
tablets lose their link for seconds, three links drop and delay packets, the hub laptop is
killed (SIGKILL) and started again twice, and a tablet is killed in the middle of a push.

When the dust settles: every deal is on the hub exactly once, every correction and void is
applied, each tablet's mirror of the hub's log equals the hub's log, and the hub's figures equal
a count made from the tablets' own journals. The figures are printed (``pytest -s``).

Scale it with ``CHAOS_KIOSKS``/``CHAOS_DEALS``/``CHAOS_SEED`` in the environment.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import random
import re
import sqlite3
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from eventsourcing.application import Application
from eventsourcing.persistence import StoredEvent

from bors.demo import seed
from shared.core.signing import STORED as STORED_SIGNATURE
from shared.evening import Evening
from tests.venue.bors import BorsProgram, pair
from tests.venue.lan import VenueLAN, netns_available

pytestmark = [
    pytest.mark.netns,
    pytest.mark.slow,
    pytest.mark.skipif(not netns_available()[0], reason=netns_available()[1]),
]

KIOSKS = int(os.environ.get("CHAOS_KIOSKS", "10"))
DEALS = int(os.environ.get("CHAOS_DEALS", "100"))
SEED = int(os.environ.get("CHAOS_SEED", str(random.SystemRandom().randrange(10**6))))
PACE_SECONDS = float(os.environ.get("CHAOS_PACE", "0.45"))  # a broker's rhythm per deal
CATEGORIES = ("premises", "equipment", "courses", "culture", "volunteering", "expertise")


@dataclass
class Broker:
    """What one tablet's broker did, as the kiosk answered it."""

    index: int
    saved: dict[str, str] = field(default_factory=dict)  # deal id -> category it should show
    voided: set[str] = field(default_factory=set)
    uncertain: set[str] = field(default_factory=set)  # a request cut off by a kill
    failures: int = 0
    up: threading.Event = field(default_factory=threading.Event)


def _rows(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _events(path: Path) -> set[tuple]:
    """Every stored event as its author wrote it: the hub keeps the author's signature beside
    the state (under ``_sig``, see shared/core/signing.py), which the author's own copy lacks."""
    rows = _rows(path, "SELECT originator_id, originator_version, topic, state FROM stored_events")
    found = set()
    for origin, seq, topic, state in rows:
        written = json.loads(state)
        written.pop(STORED_SIGNATURE, None)
        found.add((origin, seq, topic, json.dumps(written, sort_keys=True)))
    return found


def _unsigned_on_hub(path: Path, origin: str) -> int:
    """How many of ``origin``'s events the hub holds without their author's signature."""
    rows = _rows(path, "SELECT originator_id, state FROM stored_events")
    return sum(1 for o, state in rows if o == origin and STORED_SIGNATURE not in json.loads(state))


def _hub_head(hub_dir: Path) -> int:
    return _rows(hub_dir / "hub.sqlite", "SELECT max(rowid) FROM stored_events")[0][0] or 0


def _mirror_position(kiosk_dir: Path) -> int:
    path = kiosk_dir / "mirror.sqlite"
    if not path.exists():
        return 0
    return _rows(path, "SELECT max(notification_id) FROM tracking")[0][0] or 0


def _fold(paths: list[Path]) -> Evening:
    """The evening folded from the rows of the given journal files, opened read-only."""
    evening = Evening()
    mapper = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    for path in paths:
        rows = _rows(
            path,
            "SELECT originator_id, originator_version, topic, state FROM stored_events"
            " ORDER BY rowid",
        )
        for origin, version, topic, state in rows:
            stored = StoredEvent(uuid.UUID(origin), version, topic, state)
            evening.apply(mapper.to_domain_event(stored))
    return evening


def _deal_body(rng: random.Random, participants: list[str], category: str) -> dict:
    a, b = rng.sample(participants, 2)
    return {
        "parties": [
            {"participant_id": a, "gives": "Lokale"},
            {"participant_id": b, "gives": "Kurs"},
        ],
        "category": category,
        "kind": rng.choice(("mutual", "gift", "intent")),
        "deadline": "2027-03-01",
        "broker": f"Megler {rng.randrange(3)}",
    }


def _broker_run(kiosk: BorsProgram, broker: Broker, participants: list[str], seed: int) -> None:
    """One broker's hour: register, now and then correct or void one of their deals."""
    rng = random.Random(seed)
    bodies: dict[str, dict] = {}
    registered = 0
    while registered < DEALS:
        broker.up.wait()
        time.sleep(rng.uniform(0.5, 1.5) * PACE_SECONDS)
        roll = rng.random()
        live = sorted(set(broker.saved) - broker.voided - broker.uncertain)
        try:
            if roll < 0.10 and live:
                deal_id = rng.choice(live)
                category = rng.choice([c for c in CATEGORIES if c != broker.saved[deal_id]])
                body = {**bodies[deal_id], "category": category}
                answer = kiosk.call("POST", f"/api/deals/{deal_id}/corrections", json=body)
                assert answer.status_code == 201, answer.text
                broker.saved[deal_id], bodies[deal_id] = category, body
            elif roll < 0.15 and live:
                deal_id = rng.choice(live)
                answer = kiosk.call(
                    "POST", f"/api/deals/{deal_id}/void", json={"reason": "feilregistrert"}
                )
                assert answer.status_code == 201, answer.text
                broker.voided.add(deal_id)
            else:
                category = rng.choice(CATEGORIES)
                body = _deal_body(rng, participants, category)
                answer = kiosk.call("POST", "/api/deals", json=body)
                assert answer.status_code == 201, answer.text
                deal_id = answer.json()["id"]
                broker.saved[deal_id], bodies[deal_id] = category, body
                registered += 1
        except (requests.RequestException, OSError):
            # The tablet died under the broker's finger: the answer never came. Whatever the
            # kiosk committed is in its journal and is checked from there.
            broker.failures += 1
            if roll < 0.15 and live:
                broker.uncertain.add(deal_id)
            broker.up.wait()


class Chaos:
    """The faults, on a schedule with random parts; records when the last one ended."""

    def __init__(self, lan, hub, kiosks, brokers, rng: random.Random, done: threading.Event):
        self.lan, self.hub, self.kiosks, self.brokers = lan, hub, kiosks, brokers
        self.rng, self.done = rng, done
        self.log: list[str] = []
        self.last_fault_end = time.monotonic()
        self.started = time.monotonic()

    def note(self, what: str) -> None:
        self.log.append(f"{time.monotonic() - self.started:6.1f}s {what}")

    def cut(self, index: int, seconds: float) -> None:
        host = self.kiosks[index].host
        host.cut()
        self.note(f"cut {host.name} for {seconds:.1f}s")
        time.sleep(seconds)
        host.restore()

    def kill_hub(self, down_seconds: float) -> None:
        self.hub.kill()
        self.note("hub killed (SIGKILL)")
        time.sleep(down_seconds)
        self.hub.start()
        self.note("hub restarted on the same data")

    def kill_kiosk_mid_push(self, index: int) -> None:
        """SIGKILL a tablet while a push of its queue is on the wire.

        Its link is made slow first (400 ms each way), so a push takes the better part of a
        second: a kill as soon as it has a queue and is talking to the hub lands mid-push.
        """
        kiosk, broker = self.kiosks[index], self.brokers[index]
        kiosk.host.netem(delay_ms=400, both_ways=True)
        deadline = time.monotonic() + 15
        status = {"pending": 0}
        while time.monotonic() < deadline:
            status = kiosk.json("/api/status", timeout=15)
            if status["pending"] > 0 and status["state"] == "online":
                break
            time.sleep(0.01)
        broker.up.clear()
        kiosk.kill()
        self.note(f"{kiosk.host.name} killed (SIGKILL) mid-push, {status['pending']} pending")
        kiosk.host.clear_netem()
        time.sleep(1.5)
        kiosk.start()
        broker.up.set()
        self.note(f"{kiosk.host.name} restarted on the same data")

    def run(self) -> None:
        rng = self.rng
        n = len(self.kiosks)
        lossy = rng.sample(range(n), min(3, n - 1))
        victim = rng.choice([i for i in range(n) if i not in lossy])
        for i in lossy:
            backend = self.kiosks[i].host.netem(
                loss_pct=10, delay_ms=60, jitter_ms=30, both_ways=True
            )
        self.note(
            f"netem ({backend}) 10% loss, 60±30 ms on {[self.kiosks[i].host.name for i in lossy]}"
        )
        plan = [
            (8, lambda: self.kill_hub(rng.uniform(2, 4))),
            (18, lambda: self.kill_kiosk_mid_push(victim)),
            (30, lambda: self.kill_hub(rng.uniform(2, 4))),
        ]
        cutters = []
        next_cut = 2.0
        while not self.done.is_set() or plan:
            now = time.monotonic() - self.started
            if plan and now >= plan[0][0]:
                plan.pop(0)[1]()
                continue
            if not self.done.is_set() and now >= next_cut:
                index = rng.choice([i for i in range(n) if i != victim])
                if not self.kiosks[index].host.is_cut:
                    thread = threading.Thread(
                        target=self.cut, args=(index, rng.uniform(2, 6)), daemon=True
                    )
                    thread.start()
                    cutters.append(thread)
                next_cut = now + rng.uniform(1.5, 4)
            time.sleep(0.1)
        for thread in cutters:
            thread.join()
        for i in lossy:
            self.kiosks[i].host.clear_netem()
        self.last_fault_end = time.monotonic()
        self.note("all links restored, no more loss or delay")


def test_ten_tablets_through_a_chaotic_evening_lose_nothing_and_double_nothing(
    tmp_path, capsys, record_property
):
    began = time.monotonic()
    rng = random.Random(SEED)
    hub_dir = tmp_path / "hub"
    seed(hub_dir)
    participants = sorted(p.id for p in _fold([hub_dir / "hub.sqlite"]).participants.values())

    with VenueLAN() as lan:
        hub = BorsProgram.hub(lan.add_host("hub"), hub_dir).start()
        kiosks = []
        for k in range(1, KIOSKS + 1):
            host = lan.add_host(f"kiosk{k}")
            pair(hub_dir, tmp_path / f"kiosk{k}", host, hub)
            kiosks.append(BorsProgram.kiosk(host, tmp_path / f"kiosk{k}"))
        for kiosk in kiosks:
            kiosk.start(wait=False)
        for kiosk in kiosks:
            kiosk.wait_ready()
        _wait(lambda: all(k.json("/api/status")["state"] == "online" for k in kiosks), 60)
        _wait(lambda: all(k.json("/api/participants?q=a")["participants"] for k in kiosks), 60)
        ready_at = time.monotonic()

        brokers = [Broker(i) for i in range(KIOSKS)]
        for broker in brokers:
            broker.up.set()
        done = threading.Event()
        chaos = Chaos(lan, hub, kiosks, brokers, rng, done)
        chaos_thread = threading.Thread(target=chaos.run, daemon=True)
        chaos_thread.start()
        with concurrent.futures.ThreadPoolExecutor(max_workers=KIOSKS) as pool:
            runs = [
                pool.submit(_broker_run, kiosk, broker, participants, rng.randrange(10**9))
                for kiosk, broker in zip(kiosks, brokers, strict=True)
            ]
            for run in runs:
                run.result()
        load_end = time.monotonic()
        done.set()
        chaos_thread.join()

        # Convergence: every queue empty, every mirror at the hub's head, the figures agree.
        def converged() -> bool:
            if any(k.json("/api/status")["pending"] for k in kiosks):
                return False
            head = _hub_head(hub_dir)
            return all(_mirror_position(k.data) == head for k in kiosks)

        _wait(converged, 180, interval=0.25)
        converged_at = time.monotonic()
        hub_stats = hub.json("/api/stats")
        for kiosk in kiosks:
            kiosk.stop()
        hub.stop()
        for program in (hub, *kiosks):
            program.close()

    # --- the verdict, from the files every node left behind --------------------------------
    hub_events = _events(hub_dir / "hub.sqlite")
    own = {k.data.name: _events(k.data / "kiosk.sqlite") for k in kiosks}
    for name, events in own.items():
        origin = next(iter(events))[0]
        on_hub = {e for e in hub_events if e[0] == origin}
        assert on_hub == events, f"{name}: hub holds {len(on_hub)} of {len(events)} events"
        assert _unsigned_on_hub(hub_dir / "hub.sqlite", origin) == 0, name
        seqs = sorted(e[1] for e in events)
        assert seqs == list(range(1, len(seqs) + 1))
    for kiosk in kiosks:
        assert _events(kiosk.data / "mirror.sqlite") == hub_events, f"{kiosk.host.name} mirror"

    hub_evening = _fold([hub_dir / "hub.sqlite"])
    from_tablets = _fold([k.data / "kiosk.sqlite" for k in kiosks])
    counted = from_tablets.deals.counted_deals()
    assert hub_stats["deals"] == len(counted)
    assert hub_stats["voided"] == len(from_tablets.deals) - len(counted)
    assert hub_stats["by_category"] == dict(Counter(d.category for d in counted))
    assert set(hub_evening.deals) == set(from_tablets.deals)

    saved = sum(len(b.saved) for b in brokers)
    for broker in brokers:
        for deal_id, category in broker.saved.items():
            deal = hub_evening.deals[deal_id]  # every deal a kiosk answered 201 for
            if deal_id in broker.uncertain:
                continue
            assert deal.category == category, deal
            assert deal.voided == (deal_id in broker.voided), deal
    diverged = [c for c in hub_evening.conflicts.all() if c["kind"] in ("versions", "void_vs_edit")]
    assert diverged == []  # one broker per tablet, in order: no false conflicts

    figures = _figures(hub, kiosks, own, hub_events, brokers, saved)
    figures.update(
        seed=SEED,
        kiosks=KIOSKS,
        deals_per_kiosk=DEALS,
        setup_seconds=round(ready_at - began, 1),
        load_seconds=round(load_end - ready_at, 1),
        converge_after_last_fault_seconds=round(converged_at - chaos.last_fault_end, 2),
        total_seconds=round(time.monotonic() - began, 1),
        deals_on_hub=len(hub_evening.deals),
        counted_on_hub=hub_stats["deals"],
        voided_on_hub=hub_stats["voided"],
        double_registrations_flagged=sum(
            1 for c in hub_evening.conflicts.all() if c["kind"] == "double_registration"
        ),
    )
    for name, value in figures.items():
        record_property(name, value)  # in the JUnit report of a CI run
    with capsys.disabled():  # on the terminal even when output is captured
        print("\nchaos timeline:\n  " + "\n  ".join(chaos.log))
        print("chaos figures: " + json.dumps(figures, indent=2))
    assert figures["duplicates_rejected"] >= 0


def _figures(hub, kiosks, own, hub_events, brokers, saved) -> dict:
    new = dupes = pushes = 0
    pattern = re.compile(r"ingest \S+: (\d+) new, (\d+) duplicates")
    for path in hub.logs:
        for match in pattern.finditer(path.read_text(errors="replace")):
            pushes += 1
            new += int(match.group(1))
            dupes += int(match.group(2))
    sent = sum(len(events) for events in own.values())
    return {
        "deals_saved_by_kiosks_201": saved,
        "events_written_by_kiosks": sent,
        # from the hub's "ingest" log lines: a kill between commit and log line loses a line
        "events_received_by_hub": new,
        "duplicates_rejected": dupes,
        "pushes": pushes,
        # exact, from the hub's database: every kiosk event, once (asserted above)
        "kiosk_events_in_hub_log": sum(len(events) for events in own.values()),
        "events_in_hub_log": len(hub_events),
        "broker_requests_cut_off": sum(b.failures for b in brokers),
        "hub_starts": hub.starts,
    }


def _wait(predicate, timeout: float, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except (requests.RequestException, OSError, sqlite3.Error) as error:
            last = error
        time.sleep(interval)
    raise TimeoutError(f"not converged within {timeout}s (last error: {last!r})")
