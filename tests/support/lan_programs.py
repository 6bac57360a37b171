"""``bors`` programs inside the hosts of a venue LAN (:mod:`tests.venue.lan`), driven with curl.

The zeroconf tests start a hub and kiosks in their own network namespaces and talk to them with
``curl`` run inside those namespaces, so no zeroconf socket and no request ever leaves the LAN.
"""

from __future__ import annotations

import concurrent.futures
import json
import subprocess
import sys
from pathlib import Path

from tests.support.auth import login_session
from tests.support.pairing import new_code
from tests.support.processes import ROOT, wait_until
from tests.venue.lan import Host

KIOSK_PORT = 8500


def call(host: Host, url: str, body: dict | None = None) -> tuple[int, dict]:
    """An HTTP request made from inside ``host``'s namespace."""
    argv = ["curl", "-s", "-m", "3", "-w", "\n%{http_code}", url]
    if body is not None:
        argv += ["-H", "Content-Type: application/json", "--data-binary", json.dumps(body)]
    done = host.run(argv, timeout=10)
    text, _, status = done.stdout.rpartition("\n")
    return int(status or 0), (json.loads(text) if text.strip().startswith("{") else {})


def get(host: Host, url: str) -> dict:
    status, body = call(host, url)
    assert status == 200, (status, body)
    return body


class Running:
    """``bors`` programs started inside the LAN's hosts, with their logs kept for failures."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.logs: list[Path] = []

    def start(self, host: Host, *args: str) -> subprocess.Popen:
        log = self.tmp / f"{host.name}-{len(self.logs)}.log"
        self.logs.append(log)
        with open(log, "wb") as out:
            return host.popen(
                [sys.executable, "-m", "bors.cli", *args],
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                env={"PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1", "HOME": str(self.tmp)},
            )

    def tail(self) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-2500:]}" for p in self.logs
        )


def start_hub(running: Running, host: Host, data: Path, port: int) -> subprocess.Popen:
    """A hub that advertises itself (no ``--no-advertise``) on its LAN address only."""
    process = running.start(
        host, "hub", "--data", str(data), "--host", host.ip, "--port", str(port)
    )
    wait_until(lambda: call(host, f"{host.url(port)}/api/stats")[0] == 200, timeout=20)
    return process


def pair_kiosk(hub_dir: Path, hub_url: str, host: Host, data: Path) -> None:
    """What the organiser and the broker do: a code from the hub, typed into ``bors kiosk pair``."""
    code = new_code(hub_dir)
    pair = ["kiosk", "pair", "--data", str(data), "--hub", hub_url, "--code", code]
    done = host.run(
        [sys.executable, "-m", "bors.cli", *pair],
        cwd=ROOT,
        timeout=30,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def organiser_deals(host: Host, hub_url: str) -> list[dict]:
    """The hub's deal list as the organiser sees it, logged in on the hub laptop itself."""

    def fetch() -> list[dict]:
        with host.inside(), login_session(hub_url) as session:
            return session.get(f"{hub_url}/api/deals", timeout=5).json()["deals"]

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fetch).result()


def start_kiosk(running: Running, host: Host, data: Path) -> subprocess.Popen:
    process = running.start(
        host,
        "kiosk",
        "--data",
        str(data),
        "--port",
        str(KIOSK_PORT),
        "--lan-address",
        host.ip,
        "--name",
        "Nettbrett 1",
    )
    wait_until(lambda: call(host, f"http://127.0.0.1:{KIOSK_PORT}/api/status")[0] == 200)
    return process


def kiosk_status(host: Host) -> dict:
    return get(host, f"http://127.0.0.1:{KIOSK_PORT}/api/status")
