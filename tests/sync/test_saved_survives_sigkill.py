"""Promise 1 against SIGKILL, with the real ``bors`` programs on loopback.

A kiosk killed the instant after it answered 201 "saved" must still have the deal when it comes
back, and the deal must reach the hub exactly once. A hub killed mid-evening must come back with
the very same deal list, rebuilt from its log.
"""

from __future__ import annotations

import signal
import time

import pytest
import requests

from tests.support.auth import login_session
from tests.support.deals import deal_payload
from tests.support.processes import free_port, wait_until

pytestmark = pytest.mark.slow


def get(url: str) -> dict:
    return requests.get(url, timeout=3).json()


def pick_two(kiosk_url: str, query: str) -> list[str]:
    found = wait_until(lambda: get(f"{kiosk_url}/api/participants?q={query}")["participants"])
    assert len(found) >= 2, found
    return [found[0]["id"], found[1]["id"]]


def deal(a: str, b: str, broker: str = "Kari") -> dict:
    return deal_payload(a, b, broker)


def organiser_deals(hub_url: str) -> dict:
    """The hub's deal list with contact details: the organiser's, behind the login."""
    with login_session(hub_url) as organiser:
        return organiser.get(f"{hub_url}/api/deals", timeout=3).json()


def hub_deal_ids(hub_url: str) -> list[str]:
    return sorted(d["id"] for d in organiser_deals(hub_url)["deals"])


def test_a_kiosk_killed_right_after_saving_loses_nothing(programs, seeded_hub_dir, tmp_path):
    hub = programs.hub(seeded_hub_dir)
    kiosk_dir = tmp_path / "kiosk"
    kiosk = programs.kiosk(kiosk_dir, hub.url)
    a, b = pick_two(kiosk.url, "kvernbakken")
    # Take the hub away so the deal can only live in the kiosk's own log when the kiosk dies.
    hub.kill()

    saved = requests.post(f"{kiosk.url}/api/deals", json=deal(a, b), timeout=5)
    kiosk.kill(signal.SIGKILL)  # no chance to flush, close or say goodbye
    assert saved.status_code == 201
    deal_id = saved.json()["id"]

    kiosk = programs.kiosk(kiosk_dir, hub.url, port=kiosk.port)
    mine = get(f"{kiosk.url}/api/deals")["deals"]
    assert [d["id"] for d in mine] == [deal_id]
    assert mine[0]["number"] == saved.json()["number"]
    assert get(f"{kiosk.url}/api/status")["pending"] >= 1

    programs.hub(seeded_hub_dir, port=hub.port)
    wait_until(lambda: get(f"{kiosk.url}/api/status")["pending"] == 0, timeout=15)
    assert hub_deal_ids(hub.url) == [deal_id]
    assert get(f"{hub.url}/api/stats")["deals"] == 1


def test_a_kiosk_that_forgot_what_the_hub_acknowledged_does_not_double(
    programs, seeded_hub_dir, tmp_path
):
    """Killed before it noted the hub's ack, a kiosk resends; the hub takes the deal once."""
    hub = programs.hub(seeded_hub_dir)
    kiosk_dir = tmp_path / "kiosk"
    kiosk = programs.kiosk(kiosk_dir, hub.url)
    a, b = pick_two(kiosk.url, "kvernbakken")
    ids = [
        requests.post(f"{kiosk.url}/api/deals", json=deal(a, b, f"B{i}"), timeout=5).json()["id"]
        for i in range(3)
    ]
    wait_until(lambda: get(f"{hub.url}/api/stats")["deals"] == 3)
    kiosk.kill(signal.SIGKILL)
    (kiosk_dir / "sync-status.json").unlink(missing_ok=True)

    kiosk = programs.kiosk(kiosk_dir, hub.url, port=kiosk.port)
    wait_until(lambda: get(f"{kiosk.url}/api/status")["pending"] == 0, timeout=15)
    assert hub_deal_ids(hub.url) == sorted(ids)
    assert get(f"{hub.url}/api/stats")["deals"] == 3


def test_a_hub_killed_mid_evening_comes_back_with_the_same_deal_list(
    programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    k1 = programs.kiosk(tmp_path / "k1", hub.url)
    k2 = programs.kiosk(tmp_path / "k2", hub.url)
    a, b = pick_two(k1.url, "kvernbakken")
    c, d = pick_two(k2.url, "tårnlia")
    first = requests.post(f"{k1.url}/api/deals", json=deal(a, b), timeout=5).json()
    requests.post(f"{k2.url}/api/deals", json=deal(c, d), timeout=5)
    requests.post(f"{k1.url}/api/deals/{first['id']}/void", json={"reason": "dobbel"}, timeout=5)
    last = requests.post(f"{k2.url}/api/deals", json=deal(d, c, "Per"), timeout=5)
    assert last.status_code == 201
    # The moment both tablets hear the hub has everything, the hub dies.
    for kiosk in (k1, k2):
        wait_until(lambda k=kiosk: get(f"{k.url}/api/status")["pending"] == 0, timeout=15)
    before_deals = organiser_deals(hub.url)
    before_stats = get(f"{hub.url}/api/stats")
    assert len(before_deals["deals"]) == 3 and before_stats["deals"] == 2
    hub.kill(signal.SIGKILL)

    started = time.monotonic()
    hub = programs.hub(seeded_hub_dir, port=hub.port)
    restart_seconds = time.monotonic() - started
    assert organiser_deals(hub.url) == before_deals
    after_stats = get(f"{hub.url}/api/stats")
    for key in ("deals", "voided", "by_sector_pair", "by_category", "conflicts", "participants"):
        assert after_stats[key] == before_stats[key], key
    print(f"hub restart after SIGKILL: {restart_seconds:.2f}s to answer /api/stats")

    # And it goes on: the tablets find it again and a new deal is counted once.
    again = requests.post(f"{k1.url}/api/deals", json=deal(b, a, "Liv"), timeout=5).json()
    wait_until(lambda: again["id"] in hub_deal_ids(hub.url), timeout=15)
    assert get(f"{hub.url}/api/stats")["deals"] == 3


def test_a_hub_on_a_new_port_gets_everything_from_a_tablet(programs, seeded_hub_dir, tmp_path):
    """A kiosk told of a different hub URL after a restart re-sends nothing twice."""
    hub = programs.hub(seeded_hub_dir)
    kiosk_dir = tmp_path / "kiosk"
    kiosk = programs.kiosk(kiosk_dir, hub.url)
    a, b = pick_two(kiosk.url, "kvernbakken")
    saved = requests.post(f"{kiosk.url}/api/deals", json=deal(a, b), timeout=5).json()
    wait_until(lambda: get(f"{kiosk.url}/api/status")["pending"] == 0)
    hub.kill(signal.SIGKILL)
    kiosk.kill(signal.SIGTERM)

    hub = programs.hub(seeded_hub_dir, port=free_port())
    kiosk = programs.kiosk(kiosk_dir, hub.url, port=kiosk.port)
    more = requests.post(f"{kiosk.url}/api/deals", json=deal(b, a), timeout=5).json()
    wait_until(lambda: get(f"{kiosk.url}/api/status")["pending"] == 0, timeout=15)
    assert hub_deal_ids(hub.url) == sorted([saved["id"], more["id"]])
