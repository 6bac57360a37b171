"""Storage faults: a full disk or a locked database on the hub, a damaged database on a tablet.

The hub answers ``503 storage_unavailable`` and stores nothing; the tablets keep their queue and
send it when the hub can write again. A tablet checks its databases when it starts (SQLite's
``quick_check``) and refuses to start, saying so plainly, if one is damaged — before it serves a
page or says a word to the hub.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

import hub as hub_app
from bors.cli import EXIT_DAMAGED
from bors.demo import seed
from hub.service import Hub
from hub.storage import STORAGE_FAULTS
from kiosk.service import Kiosk
from shared.core.store import DamagedDatabase
from shared.sync.protocol import ProtocolError
from tests.support.pairing import SealedSync, pair_device
from tests.support.processes import ROOT, wait_until
from tests.support.sync import deal, pull, push

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small disk needs root")


@contextlib.contextmanager
def small_disk(path: Path, size: str = "4m"):
    """A tmpfs of ``size`` at ``path``: a disk that can really fill up."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(disk: Path) -> Path:
    """Write a filler file until the disk refuses another byte."""
    filler = disk / "filler"
    with open(filler, "ab", buffering=0) as out:
        for chunk in (65536, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    out.write(b"\0" * chunk)
    return filler


def _participants(hub: Hub) -> None:
    for name, sector in (("Sagene IF", "voluntary"), ("Bydel Sagene", "public")):
        hub.register_participant({"name": name, "sector": sector})


def counts(hub: Hub) -> tuple:
    return hub.store.head(), hub.received_total, hub.stats()["deals"]


@needs_root
def test_a_full_disk_on_the_hub_is_a_clear_503_and_the_tablet_keeps_its_queue(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        hub = Hub(disk / "hub")
        _participants(hub)
        kiosk = Kiosk(tmp_path / "kiosk")  # the tablet's own storage is fine
        pull(kiosk, hub)
        a, b = sorted(kiosk.evening.participants)
        for i in range(3):
            kiosk.register_deal(deal(a, b, broker=f"Megler {i}"))
        sync = SealedSync(hub_app.create_app(hub).test_client(), hub, str(kiosk.device_id))
        batch = {"device": str(kiosk.device_id), "events": kiosk.outbox(500)}

        filler = fill(disk)
        before = counts(hub)
        answer = sync.post("/api/sync/push", batch)
        assert (answer.status_code, answer.get_json()["error"]) == (503, "storage_unavailable")
        assert counts(hub) == before
        assert kiosk.pending() == 4  # nothing acknowledged, nothing lost
        with pytest.raises(STORAGE_FAULTS):  # the organiser's own writes fail, nothing half-kept
            hub.register_participant({"name": "Ny AS", "sector": "business"})
        assert hub.stats()["participants"] == 2

        filler.unlink()  # someone makes room
        assert push(kiosk, hub)["acked"] == 4
        assert hub.stats()["deals"] == 3 and kiosk.pending() == 0
        hub.close()
        kiosk.close()


def test_a_locked_hub_database_is_a_clear_503_not_a_hang(tmp_path, monkeypatch):
    monkeypatch.setenv("BORS_SQLITE_LOCK_TIMEOUT", "1")
    hub = Hub(tmp_path / "hub")
    _participants(hub)
    kiosk = Kiosk(tmp_path / "kiosk")
    pull(kiosk, hub)
    a, b = sorted(kiosk.evening.participants)
    kiosk.register_deal(deal(a, b))
    batch = {"device": str(kiosk.device_id), "events": kiosk.outbox(500)}

    backup = sqlite3.connect(tmp_path / "hub" / "hub.sqlite", isolation_level=None)
    backup.execute("BEGIN EXCLUSIVE")  # a backup tool holding the database
    try:
        before = counts(hub)
        with pytest.raises(ProtocolError) as refused:
            hub.ingest(batch)
        assert (refused.value.code, refused.value.status) == ("storage_unavailable", 503)
        assert counts(hub) == before
    finally:
        backup.execute("ROLLBACK")
        backup.close()
    assert hub.ingest(batch)["acked"] == 2
    assert hub.stats()["deals"] == 1
    hub.close()
    kiosk.close()


@needs_root
def test_a_real_tablet_waits_out_a_full_hub_disk_and_delivers_after(programs, tmp_path):
    with small_disk(tmp_path / "disk", size="8m") as disk:
        seed(disk / "hub")
        hub = programs.hub(disk / "hub")
        kiosk_dir = tmp_path / "k1"
        pair_device(disk / "hub", hub.url, kiosk_dir)
        kiosk = programs.kiosk(kiosk_dir, hub.url)
        people = wait_until(
            lambda: requests.get(f"{kiosk.url}/api/participants?q=a", timeout=2).json()[
                "participants"
            ]
        )
        wait_until(
            lambda: requests.get(f"{kiosk.url}/api/status", timeout=2).json()["pending"] == 0
        )

        filler = fill(disk)
        saved = requests.post(
            f"{kiosk.url}/api/deals", json=deal(people[0]["id"], people[1]["id"]), timeout=5
        )
        assert saved.status_code == 201  # the tablet saves; the network is not on that path
        status = wait_until(
            lambda: (
                (s := requests.get(f"{kiosk.url}/api/status", timeout=2).json())["state"]
                == "offline"
                and s
            ),
            timeout=15,
        )
        assert status["pending"] == 1
        # the hub says why, whether the push or the tablet's next pull met the full disk first
        assert re.search(r"storage unavailable on (POST|GET) /api/sync/(push|pull)", hub.log())

        filler.unlink()
        wait_until(
            lambda: requests.get(f"{kiosk.url}/api/status", timeout=2).json()["pending"] == 0,
            timeout=20,
        )
        assert requests.get(f"{hub.url}/api/stats", timeout=2).json()["deals"] == 1
        hub.stop()
        kiosk.stop()


# --- a damaged tablet database ------------------------------------------------------------------


def _damage(path: Path) -> None:
    """Scribble over the start of every b-tree page after the first (a bad sector, a bad copy)."""
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset : offset + 100] = os.urandom(100)
    path.write_bytes(bytes(data))


@contextlib.contextmanager
def watching_hub():
    """A TCP port standing in for the hub's address that counts who knocks."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    knocks = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            knocks.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}", knocks
    finally:
        stop.set()
        thread.join()
        for conn in knocks:
            conn.close()
        server.close()


@pytest.mark.parametrize("damaged", ["kiosk.sqlite", "mirror.sqlite"])
def test_a_tablet_with_a_damaged_database_refuses_to_start_and_says_why(tmp_path, damaged):
    kiosk_dir = tmp_path / "tablet"
    kiosk = Kiosk(kiosk_dir)
    hub = Hub(tmp_path / "hub")
    _participants(hub)
    pull(kiosk, hub)
    a, b = sorted(kiosk.evening.participants)
    for i in range(40):
        kiosk.register_deal(deal(a, b, broker=f"Megler {i}"))
    kiosk.close()
    hub.close()
    _damage(kiosk_dir / damaged)
    damaged_bytes = (kiosk_dir / damaged).read_bytes()

    with pytest.raises(DamagedDatabase) as refused:
        Kiosk(kiosk_dir)
    assert refused.value.path == kiosk_dir / damaged

    with watching_hub() as (hub_url, knocks):
        started = subprocess.run(
            [
                sys.executable,
                "-m",
                "bors.cli",
                "kiosk",
                "--data",
                str(kiosk_dir),
                "--port",
                "0",
                "--hub",
                hub_url,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert started.returncode == EXIT_DAMAGED
    assert "database is damaged" in started.stderr and damaged in started.stderr
    assert "Traceback" not in started.stderr
    assert knocks == []  # not a word to the hub
    assert (kiosk_dir / damaged).read_bytes() == damaged_bytes  # and the evidence kept as it was
