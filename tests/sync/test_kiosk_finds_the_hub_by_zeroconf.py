"""Zeroconf on a real (simulated) venue LAN: a kiosk with no ``--hub`` finds the hub.

The hub and the kiosk run as real ``bors`` processes in separate network namespaces joined by a
bridge (:mod:`tests.venue.lan`), so the mDNS adverts and queries cross a real link. Nothing here
advertises or browses in the root namespace: every zeroconf socket lives inside the venue LAN,
and the test talks to the programs with ``curl`` run inside their namespaces.
"""

from __future__ import annotations

import signal
import time

import pytest

from bors.demo import seed
from tests.support.auth import ensure_password
from tests.support.deals import deal_payload
from tests.support.lan_programs import (
    KIOSK_PORT,
    call,
    get,
    kiosk_status,
    organiser_deals,
    pair_kiosk,
    start_hub,
    start_kiosk,
)
from tests.support.processes import wait_until
from tests.venue.lan import netns_available

AVAILABLE, WHY = netns_available()

pytestmark = [
    pytest.mark.netns,
    pytest.mark.slow,
    pytest.mark.skipif(not AVAILABLE, reason=f"zeroconf tests need network namespaces: {WHY}"),
]


def test_a_kiosk_without_hub_url_finds_the_hub_and_syncs(lan_venue, tmp_path):
    lan, running = lan_venue
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


def test_the_kiosk_follows_the_hub_to_a_new_address_and_port(lan_venue, tmp_path):
    lan, running = lan_venue
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
