"""Promise 1 and 2 between real processes on loopback: saved means saved, exactly once."""

from __future__ import annotations

import requests

from tests.support.auth import login_session
from tests.support.deals import deal_payload
from tests.support.processes import wait_until


def test_a_deal_saved_while_the_hub_is_down_arrives_once_when_it_starts(
    programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    kiosk = programs.kiosk(tmp_path / "k1", hub.url)
    participants = wait_until(
        lambda: requests.get(f"{kiosk.url}/api/participants?q=kvern", timeout=2).json()[
            "participants"
        ]
    )
    hub.kill()

    saved = requests.post(
        f"{kiosk.url}/api/deals",
        json=deal_payload(participants[0]["id"], participants[1]["id"]),
        timeout=5,
    )
    assert saved.status_code == 201
    assert requests.get(f"{kiosk.url}/api/status", timeout=2).json()["pending"] == 1

    hub = programs.hub(seeded_hub_dir, port=hub.port)
    wait_until(lambda: requests.get(f"{hub.url}/api/stats", timeout=2).json()["deals"] == 1)
    wait_until(lambda: requests.get(f"{kiosk.url}/api/status", timeout=2).json()["pending"] == 0)
    with login_session(hub.url) as organiser:
        deals = organiser.get(f"{hub.url}/api/deals", timeout=2).json()["deals"]
    assert [d["id"] for d in deals] == [saved.json()["id"]]
