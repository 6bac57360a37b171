"""``bors demo``: a whole evening on one machine, seeded with fictional participants.

The hub and two kiosks run as separate processes, exactly as on a real evening, talking over
loopback. The evening is scheduled around *now* so the stage screen shows a live countdown.
"""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bors.demo_data import DEMO_EVENT, demo_deals, demo_participants
from shared.deals.rules import default_deadline


def seed(hub_dir: Path) -> int:
    """Schedule the demo evening and sign up the participants, once."""
    from hub.service import Hub

    hub = Hub(hub_dir)
    try:
        if not hub.evening.participants:
            now = dt.datetime.now()
            opens = now - dt.timedelta(minutes=5)
            closes = now + dt.timedelta(minutes=55)
            hub.schedule_evening(
                {
                    **DEMO_EVENT,
                    "date": now.date().isoformat(),
                    "opens_at": opens.strftime("%H:%M"),
                    "closes_at": max(closes, opens + dt.timedelta(minutes=1)).strftime("%H:%M")
                    if closes.date() == now.date()
                    else "23:59",
                }
            )
            for participant in demo_participants():
                hub.register_participant(participant)
        return len(hub.evening.participants)
    finally:
        hub.close()


def open_the_hour(hub_dir: Path) -> None:
    """For the demo only: last year's result as the record to beat, and the opening gong struck.

    A real evening waits for the organiser to strike the gong on /controls.
    """
    from hub.service import Hub
    from hub.stage import service as stage
    from shared.stage.projection import PHASE_BEFORE

    hub = Hub(hub_dir)
    try:
        if not hub.evening.stage.earlier_evenings():
            year = dt.date.today().year - 1
            stage.record_earlier_evening(
                hub,
                {
                    "name": f"Frivilligbørs Nordre Aker {year}",
                    "date": f"{year}-10-16",
                    "deals": 95,
                    "participants": 80,
                },
            )
        if hub.evening.stage.phase == PHASE_BEFORE:
            stage.open_hour(hub)
        if not hub.evening.deals:
            _first_deals(hub)
    finally:
        hub.close()


def _first_deals(hub) -> None:
    """The deals of the data file, so every organiser page has something on it at first
    (an empty deal list, export and screen taught a newcomer nothing)."""
    ids = {p.name: p.id for p in hub.evening.participants.values()}
    deadline = default_deadline(dt.date.today(), dt.date.today()).isoformat()
    for deal in demo_deals(ids):
        hub.register_deal({**deal, "deadline": deadline, "broker": "Demo"})


DEMO_PASSWORD = "demo-arrangor"  # the demo's organiser password (a real hub asks for one)


def _pair(hub_dir: Path, hub_url: str, kiosk_dir: Path, name: str) -> None:
    """Pair a demo tablet the way a broker would, with a code the hub made."""
    from hub.devices.registry import issue_code
    from kiosk import pairing
    from shared.core.device import load_or_create_device_id

    if pairing.load(kiosk_dir) is not None:
        return
    code, _ = issue_code(hub_dir)
    kiosk_dir.mkdir(parents=True, exist_ok=True)
    device_id = str(load_or_create_device_id(kiosk_dir))
    pairing.pair(kiosk_dir, device_id, hub_url, code, name=name)


def _wait_ready(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


def run(data: Path | None, port: int) -> int:
    """``bors demo``: seed, start a hub and two paired kiosks, print their URLs, wait for Ctrl-C."""
    base = data or Path(tempfile.mkdtemp(prefix="bors-demo-"))
    hub_port, kiosk_ports = port, (port + 1, port + 2)
    count = seed(base / "hub")
    open_the_hour(base / "hub")
    from hub.auth.password import password_is_set, set_password

    if not password_is_set(base / "hub"):
        set_password(base / "hub", DEMO_PASSWORD)
    python = [sys.executable, "-m", "bors.cli"]
    processes = [
        subprocess.Popen(
            [
                *python,
                "hub",
                "--data",
                str(base / "hub"),
                "--port",
                str(hub_port),
                "--host",
                "127.0.0.1",
                "--no-advertise",
            ]
        )
    ]
    hub_url = f"http://127.0.0.1:{hub_port}"
    try:
        _wait_ready(f"{hub_url}/api/stats")
        for number, port in enumerate(kiosk_ports, start=1):
            kiosk_dir = base / f"kiosk{number}"
            _pair(base / "hub", hub_url, kiosk_dir, f"Nettbrett {number}")
            processes.append(
                subprocess.Popen(
                    [
                        *python,
                        "kiosk",
                        "--data",
                        str(kiosk_dir),
                        "--port",
                        str(port),
                        "--hub",
                        hub_url,
                        "--name",
                        f"Nettbrett {number}",
                    ]
                )
            )
        for port in kiosk_ports:
            _wait_ready(f"http://127.0.0.1:{port}/api/status")
        print(
            "\n".join(
                [
                    "",
                    f"Frivilligbørs demo is running ({count} participants), data in {base}",
                    f"  Organiser (hub):     {hub_url}/   password: {DEMO_PASSWORD}",
                    f"  Live stage screen:   {hub_url}/screen",
                    f"  MC's view:           {hub_url}/mc   (an organiser page: same password)",
                    f"  Guests' phones:      {hub_url}/count",
                    f"  Kiosk, Nettbrett 1:  http://127.0.0.1:{kiosk_ports[0]}/",
                    f"  Kiosk, Nettbrett 2:  http://127.0.0.1:{kiosk_ports[1]}/",
                    "Press Ctrl-C to stop.",
                    "",
                ]
            ),
            flush=True,
        )
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        return 1  # a process died on its own
    except KeyboardInterrupt:
        return 0
    finally:
        for p in processes:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        print("demo stopped", flush=True)
