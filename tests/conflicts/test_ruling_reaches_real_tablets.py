"""Promise 4 between real programs: two tablets edit one deal while the hub is down; the
organiser's ruling, made on the hub, changes both tablets' copies."""

from __future__ import annotations

import requests

from tests.support.auth import login_session
from tests.support.processes import wait_until
from tests.support.sync import deal


def _get(url: str) -> dict:
    answer = requests.get(url, timeout=3)
    answer.raise_for_status()
    return answer.json()


def test_a_conflict_made_offline_is_listed_and_the_ruling_reaches_both_tablets(
    programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    k1 = programs.kiosk(tmp_path / "k1", hub.url)
    k2 = programs.kiosk(tmp_path / "k2", hub.url)
    people = wait_until(lambda: _get(f"{k1.url}/api/participants?q=a")["participants"])
    a, b = people[0]["id"], people[1]["id"]
    deal_id = requests.post(f"{k1.url}/api/deals", json=deal(a, b), timeout=5).json()["id"]
    wait_until(lambda: requests.get(f"{k2.url}/api/deals/{deal_id}", timeout=2).ok, timeout=15)

    hub.kill()  # the laptop is gone; both brokers fix the same deal
    for kiosk, change in ((k1, {"category": "courses"}), (k2, {"broker": "Ola"})):
        answer = requests.post(
            f"{kiosk.url}/api/deals/{deal_id}/corrections", json=deal(a, b, **change), timeout=5
        )
        assert answer.status_code == 201
    hub = programs.hub(seeded_hub_dir, port=hub.port)

    organiser = login_session(hub.url)
    conflicts = wait_until(
        lambda: organiser.get(f"{hub.url}/api/conflicts", timeout=3).json()["conflicts"],
        timeout=20,
    )
    assert [(c["kind"], c["deal_ids"]) for c in conflicts] == [("versions", [deal_id])]
    k1_device = _get(f"{k1.url}/api/status")["device"]
    from_k1 = next(v for v in conflicts[0]["versions"] if v.startswith(k1_device))
    from_k2 = next(v for v in conflicts[0]["versions"] if v != from_k1)
    ruled = organiser.post(
        f"{hub.url}/api/conflicts/resolve",
        json={"key": conflicts[0]["key"], "keep": from_k1, "fields": {"broker": from_k2}},
        timeout=5,
    )
    assert ruled.status_code == 200, ruled.text

    for kiosk in (k1, k2):
        # courses (from one tablet) with Ola (from the other) exists only as the ruling's merge
        merged = wait_until(
            lambda kiosk=kiosk: (
                (d := _get(f"{kiosk.url}/api/deals/{deal_id}"))["category"] == "courses"
                and d["broker"] == "Ola"
                and d
            ),
            timeout=20,
        )
        assert merged["conflict"] is False
    assert organiser.get(f"{hub.url}/api/conflicts", timeout=3).json()["conflicts"] == []
