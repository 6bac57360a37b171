"""Zeroconf on a real (simulated) venue LAN: a kiosk with no ``--hub`` finds the hub.

The hub and the kiosk run as real ``bors`` processes in separate network namespaces joined by a
bridge (:mod:`tests.venue.lan`), so the mDNS adverts and queries cross a real link. Nothing here
advertises or browses in the root namespace: every zeroconf socket lives inside the venue LAN,
and the test talks to the programs with ``curl`` run inside their namespaces.
"""

from __future__ import annotations

import concurrent.futures
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bors.demo import seed
from tests.support.auth import ensure_password, login_session
from tests.support.deals import deal_payload
from tests.support.pairing import new_code
from tests.support.processes import ROOT, wait_until
from tests.venue.lan import Host, VenueLAN, netns_available

AVAILABLE, WHY = netns_available()

pytestmark = [
    pytest.mark.netns,
    pytest.mark.slow,
    pytest.mark.skipif(not AVAILABLE, reason=f"zeroconf tests need network namespaces: {WHY}"),
]

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


@pytest.fixture
def venue(tmp_path: Path):
    with VenueLAN() as lan:
        yield lan, Running(tmp_path)


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


def test_a_kiosk_without_hub_url_finds_the_hub_and_syncs(venue, tmp_path):
    lan, running = venue
    hub_host, kiosk_host = lan.add_host("hub"), lan.add_host("kiosk1")
    hub_dir = tmp_path / "hub"
    seed(hub_dir)
    ensure_password(hub_dir)
    start_hub(running, hub_host, hub_dir, 8400)
    pair_kiosk(hub_dir, hub_host.url(8400), kiosk_host, tmp_path / "kiosk")
    started = time.monotonic()
    start_kiosk(running, kiosk_host, tmp_path / "kiosk")
    try:
        status = wait_until(
            lambda: (s := kiosk_status(kiosk_host))["state"] == "online" and s, timeout=20
        )
        found_after = time.monotonic() - started
        assert status["hub"] == hub_host.url(8400)
        print(f"kiosk start to online with a hub found by zeroconf: {found_after:.2f}s")

        # The participants came over the LAN, and a deal goes back the same way.
        kiosk = f"http://127.0.0.1:{KIOSK_PORT}"
        people = wait_until(
            lambda: get(kiosk_host, f"{kiosk}/api/participants?q=kvernbakken")["participants"]
        )
        code, saved = call(
            kiosk_host,
            f"{kiosk}/api/deals",
            deal_payload(people[0]["id"], people[1]["id"]),
        )
        assert code == 201, saved
        wait_until(
            lambda: get(hub_host, f"{hub_host.url(8400)}/api/stats")["deals"] == 1, timeout=10
        )
        deals = organiser_deals(hub_host, hub_host.url(8400))
        assert [d["id"] for d in deals] == [saved["id"]]
    except Exception:
        print(running.tail())
        raise


def test_the_kiosk_follows_the_hub_to_a_new_address_and_port(venue, tmp_path):
    lan, running = venue
    hub_host, kiosk_host = lan.add_host("hub"), lan.add_host("kiosk1")
    hub_dir = tmp_path / "hub"
    seed(hub_dir)
    hub = start_hub(running, hub_host, hub_dir, 8400)
    pair_kiosk(hub_dir, hub_host.url(8400), kiosk_host, tmp_path / "kiosk")
    start_kiosk(running, kiosk_host, tmp_path / "kiosk")
    try:
        wait_until(lambda: kiosk_status(kiosk_host)["hub"] == hub_host.url(8400), timeout=20)

        # The laptop moves (say from cable to Wi-Fi): a new address, and the hub restarts on
        # another port, as a spare laptop taking over would.
        hub_host.kill(hub, signal.SIGTERM)
        hub.wait(timeout=15)
        new_ip = hub_host.ip.rsplit(".", 1)[0] + ".200"
        # (Deleting the primary address would take a secondary with it: delete, then add.)
        hub_host.run(["ip", "addr", "del", f"{hub_host.ip}/24", "dev", "eth0"], check=True)
        hub_host.run(["ip", "addr", "add", f"{new_ip}/24", "dev", "eth0"], check=True)
        hub_host.run(["ip", "route", "replace", "224.0.0.0/4", "dev", "eth0"], check=True)
        new_url = f"http://{new_ip}:8401"
        process = running.start(
            hub_host, "hub", "--data", str(hub_dir), "--host", new_ip, "--port", "8401"
        )
        wait_until(lambda: call(hub_host, f"{new_url}/api/stats")[0] == 200, timeout=20)
        moved = time.monotonic()
        status = wait_until(
            lambda: (
                (s := kiosk_status(kiosk_host))["hub"] == new_url and s["state"] == "online" and s
            ),
            timeout=30,
        )
        print(f"kiosk followed the hub to its new address in {time.monotonic() - moved:.2f}s")
        assert status["pending"] == 0
        assert process.poll() is None
    except Exception:
        print(running.tail())
        raise
