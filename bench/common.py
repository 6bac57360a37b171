"""What the benchmarks share: percentiles, a keep-alive HTTP client, RSS, baselines, fake kiosks."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DEAL_TEMPLATE = {
    "category": "premises",
    "kind": "mutual",
    "deadline": "2027-03-01",
    "broker": "Kari",
}


@dataclass
class Row:
    """One line of the report: what was measured, against which target and baseline."""

    bench: str
    what: str
    target: str
    measured: str
    baseline: str = ""
    ratio: str = ""
    ok: bool | None = None

    def cells(self) -> list[str]:
        verdict = {True: "met", False: "MISSED", None: "-"}[self.ok]
        return [
            self.bench,
            self.what,
            self.target,
            self.measured,
            self.baseline,
            self.ratio,
            verdict,
        ]


def percentile(values: Iterable[float], p: float) -> float:
    data = sorted(values)
    if not data:
        return float("nan")
    k = max(0, min(len(data) - 1, round(p / 100 * (len(data) - 1))))
    return data[k]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def ratio(value: float, base: float) -> str:
    if not base or base != base or value != value:
        return "n/a"
    return f"{value / base:.1f}×"


def say(text: str) -> None:
    print(text, flush=True)


# --- processes and memory ----------------------------------------------------------------------


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB, from /proc."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(rest.split()[0]) / 1024
    return found.get("VmRSS", 0.0), found.get("VmHWM", 0.0)


def start_hello(log_dir: Path) -> tuple[subprocess.Popen, int]:
    """The hello-world baseline server, in its own process like the kiosk."""
    from tests.support.processes import free_port, wait_until

    port = free_port()
    with open(log_dir / f"hello-{port}.log", "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.hello", str(port)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    client = Client(port)
    wait_until(lambda: client.request("GET", "/")[0] == 200, timeout=15)
    client.close()
    return process, port


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class Client:
    """A keep-alive HTTP/1.1 client on loopback, light enough not to be what is measured."""

    def __init__(self, port: int, timeout: float = 30.0):
        self.port = port
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                sent = dict(headers or {})
                if self.cookies:
                    sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                for cookie in response.headers.get_all("Set-Cookie") or []:
                    name, _, value = cookie.split(";", 1)[0].partition("=")
                    self.cookies[name.strip()] = value.strip()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def json(self, method: str, path: str, data: object = None) -> tuple[int, object]:
        body = None if data is None else json.dumps(data).encode()
        headers = {"Content-Type": "application/json"} if body is not None else {}
        status, raw = self.request(method, path, body, headers)
        return status, json.loads(raw) if raw else None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def hub_count(client: Client) -> int:
    status, stats = client.json("GET", "/api/stats")
    assert status == 200, status
    return int(stats["deals"])


# --- raw sqlite3 baselines ------------------------------------------------------------------------


def _raw_db(path: Path) -> sqlite3.Connection:
    """A table shaped like eventsourcing's stored_events, in WAL mode, autocommit connection."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(
        "CREATE TABLE IF NOT EXISTS stored_events (originator_id TEXT, originator_version INTEGER,"
        " topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))"
    )
    return db


def raw_insert_commit(path: Path, rows: list[tuple[str, int, str, bytes]]) -> list[float]:
    """Seconds for each single-row BEGIN; INSERT; COMMIT."""
    db = _raw_db(path)
    times = []
    for row in rows:
        start = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT INTO stored_events VALUES (?,?,?,?)", row)
        db.execute("COMMIT")
        times.append(time.perf_counter() - start)
    db.close()
    return times


def raw_batch_rate(path: Path, rows: list[tuple[str, int, str, bytes]], batch: int) -> float:
    """Rows per second inserted in transactions of ``batch`` rows."""
    db = _raw_db(path)
    start = time.perf_counter()
    for i in range(0, len(rows), batch):
        db.execute("BEGIN")
        db.executemany("INSERT INTO stored_events VALUES (?,?,?,?)", rows[i : i + batch])
        db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return len(rows) / elapsed


def wire_rows(wire_events: list[dict]) -> list[tuple[str, int, str, bytes]]:
    """The same events as raw rows: what a bare sqlite3 program would store."""
    return [
        (uuid.UUID(w["origin"]).hex, w["seq"], w["type"], json.dumps(w["state"]).encode())
        for w in wire_events
    ]


# --- fake kiosks ---------------------------------------------------------------------------------


_mapper = None


def mapper():
    global _mapper
    if _mapper is None:
        from eventsourcing.application import Application

        _mapper = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).mapper
    return _mapper


def deal_body(a: str, b: str, n: int = 0) -> dict:
    return {
        "parties": [
            {"participant_id": a, "gives": f"Lokale {n}"},
            {"participant_id": b, "gives": "Kurs"},
        ],
        **DEAL_TEMPLATE,
    }


def fake_device_events(
    participants: list[str], deals: int, device_id: str | None = None, spread: float = 0.0
) -> list[dict]:
    """A kiosk's journal as wire events: Opened, then ``deals`` deals between real participants.

    Made by the real :class:`Journal` aggregate, so the hub checks them as it would a kiosk's.
    Pairs and categories are drawn at random (seeded by the device id). With ``spread``, the
    deals' device times lie ``spread`` seconds apart, ending now: a long log is then a history
    of many evenings rather than 100,000 deals in one minute (which would all look like double
    registrations of each other).
    """
    from shared.core.vocabulary import CATEGORIES
    from shared.journal import Journal
    from shared.sync.protocol import to_wire

    device_id = device_id or str(uuid.uuid4())
    rng = random.Random(device_id)
    journal = Journal(device_id=device_id, role="kiosk", name="Bench")
    for i in range(deals):
        a, b = rng.sample(participants, 2)
        body = deal_body(a, b, i)
        body["category"] = str(rng.choice(CATEGORIES))
        journal.register_deal(body, lambda _pid: True)
    m = mapper()
    wire = [to_wire(m.to_stored_event(e)) for e in journal.collect_events()]
    if spread:
        now = dt.datetime.now(dt.UTC)
        for i, item in enumerate(wire):
            at = now - dt.timedelta(seconds=spread * (len(wire) - i))
            item["state"]["timestamp"]["_data_"] = at.isoformat()
    return wire


def seed_hub(hub_dir: Path) -> list[str]:
    """The demo evening (60 participants) in ``hub_dir``; returns the participant ids."""
    from bors.demo import seed
    from hub.service import Hub

    seed(hub_dir)
    hub = Hub(hub_dir)
    try:
        return sorted(hub.evening.participants)
    finally:
        hub.close()


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    return {
        "nproc": os.cpu_count() or 0,
        "cpu": model,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "load": os.getloadavg()[0],
        "python": sys.version.split()[0],
    }


class FakeKiosk:
    """A paired device that pushes pre-made journal events: the hub sees a real, sealed kiosk.

    Pairs through the hub's real ``/api/pair`` with a one-time code (as an organiser and a broker
    would), then seals each push with the envelope the kiosks use.
    """

    PATH = "/api/sync/push"

    def __init__(
        self, hub_data: Path, hub_url: str, work: Path, events: list[dict], key: str | None = None
    ):
        from nacl.public import Box

        from tests.support.pairing import pair_device

        self.events = events
        self.key = key  # its Ed25519 public key, sent with each push (signed events)
        self.device_id = events[0]["origin"]
        folder = work / f"fake-{self.device_id[:8]}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "device-id").write_text(self.device_id)
        creds = pair_device(hub_data, hub_url, folder, name=f"Bench {self.device_id[:4]}")
        self.box = Box(creds.device_key, creds.hub_public_key)
        self.counter = 0

    def seal(self, events: list[dict]) -> tuple[int, bytes]:
        from shared.sync import envelope

        self.counter += 1
        body = {"device": self.device_id, "events": events}
        if self.key is not None:
            body["key"] = self.key
        sealed = envelope.seal_request(self.box, self.device_id, self.PATH, self.counter, body)
        return self.counter, json.dumps(sealed).encode()

    def batches(self, size: int) -> list[tuple[int, bytes]]:
        return [self.seal(self.events[i : i + size]) for i in range(0, len(self.events), size)]

    def open(self, counter: int, status: int, raw: bytes) -> tuple[int, object]:
        from shared.sync import envelope

        outer = json.loads(raw) if raw else None
        if isinstance(outer, dict) and "box" in outer:
            return envelope.open_answer(self.box, outer, counter)
        return status, outer

    def push(self, client: Client, counter: int, body: bytes) -> tuple[int, object]:
        status, raw = client.request("POST", self.PATH, body, {"Content-Type": "application/json"})
        return self.open(counter, status, raw)
