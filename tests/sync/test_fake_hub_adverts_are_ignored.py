"""Promise 6 against a fake hub on the venue LAN: a paired kiosk is not captured by an advert.

A stranger's laptop on the same LAN advertises two hubs by zeroconf: one with an id of its
own, and one that copied the real hub's id from its advert (which anyone can read) and even runs
a real hub program under it. The kiosk, paired with the real hub, follows neither: the first
has the wrong id, the second cannot prove the hub's key. It says so in its status, and its deals
reach the real hub alone. Everything runs in network namespaces (:mod:`tests.venue.lan`); no
zeroconf socket is opened in the test's own namespace.
"""

from __future__ import annotations

import shutil

import pytest

from bors.demo import seed
from shared.core.device import load_or_create_device_id
from tests.support.auth import ensure_password
from tests.support.deals import deal_payload
from tests.support.lan_programs import (
    KIOSK_PORT,
    call,
    get,
    kiosk_status,
    pair_kiosk,
    start_hub,
    start_kiosk,
)
from tests.support.processes import wait_until
from tests.support.waiting import never
from tests.venue.lan import netns_available

AVAILABLE, WHY = netns_available()

pytestmark = [
    pytest.mark.netns,
    pytest.mark.slow,
    pytest.mark.skipif(not AVAILABLE, reason=f"spoofing tests need network namespaces: {WHY}"),
]


def test_a_paired_kiosk_ignores_fake_hub_adverts_and_says_so(lan_venue, tmp_path):
    lan, running = lan_venue
    hub_host, kiosk_host, stranger = (lan.add_host(n) for n in ("hub", "kiosk1", "stranger"))
    hub_dir = tmp_path / "hub"
    seed(hub_dir)
    ensure_password(hub_dir)
    start_hub(running, hub_host, hub_dir, 8400)
    pair_kiosk(hub_dir, hub_host.url(8400), kiosk_host, tmp_path / "kiosk")
    start_kiosk(running, kiosk_host, tmp_path / "kiosk")
    kiosk = f"http://127.0.0.1:{KIOSK_PORT}"
    try:
        wait_until(lambda: kiosk_status(kiosk_host)["state"] == "online", timeout=20)

        # The stranger's two hubs: one of its own, one under the real hub's copied id.
        own_dir, clone_dir = tmp_path / "stranger-own", tmp_path / "stranger-clone"
        clone_dir.mkdir()
        shutil.copy(hub_dir / "device-id", clone_dir / "device-id")
        assert load_or_create_device_id(clone_dir) == load_or_create_device_id(hub_dir)
        start_hub(running, stranger, own_dir, 8401)
        start_hub(running, stranger, clone_dir, 8400)

        # (Both stranger hubs share this machine's host name with the real one, so an advert's
        # address records can point at the stranger too: proving the key is what tells them
        # apart, not the names in the advert.)
        ignored = wait_until(
            lambda: (
                {"identity_mismatch", "identity_unproven"}
                <= set((a := get(kiosk_host, f"{kiosk}/api/pairing")["ignored_adverts"]).values())
                and a
            ),
            timeout=30,
        )
        assert any(name.startswith("Frivilligbors ") for name in ignored)
        status = kiosk_status(kiosk_host)
        assert status["hub"] == hub_host.url(8400) and status["state"] == "online"
        code, _ = call(kiosk_host, f"{kiosk}/")
        page = kiosk_host.run(["curl", "-s", "-m", "3", f"{kiosk}/"], timeout=10).stdout
        assert code == 200 and 'data-testid="spoofed"' in page

        # A deal saved now goes to the real hub, and nothing to the stranger's.
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
            lambda: get(hub_host, f"{hub_host.url(8400)}/api/stats")["deals"] == 1, timeout=15
        )

        def captured() -> list[str]:
            """Signs of a kiosk the stranger caught: deals on a stranger's hub, or following it."""
            signs = []
            for port in (8400, 8401):
                if deals := get(stranger, f"{stranger.url(port)}/api/stats")["deals"]:
                    signs.append(f"{deals} deals on the stranger's hub at port {port}")
            if (following := kiosk_status(kiosk_host)["hub"]) != hub_host.url(8400):
                signs.append(f"the kiosk follows {following}")
            return signs

        never(captured, seconds=1.0, interval=0.1)  # every chance to show itself, for a second
        for port in (8400, 8401):
            assert get(stranger, f"{stranger.url(port)}/api/stats")["deals"] == 0
        assert kiosk_status(kiosk_host)["hub"] == hub_host.url(8400)
    except Exception:
        print(running.tail())
        raise
