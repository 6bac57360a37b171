"""The second evening between real processes: `bors hub new-evening`, then `bors hub` and a
tablet of the new evening (`bors kiosk`, paired afresh). The tablet gets the carried register,
none of the first evening's deals; its deal counts on the hub's report for this evening only."""

from __future__ import annotations

import requests

from tests.evenings.conftest import first_evening
from tests.support.auth import login_session
from tests.support.bors_command import bors
from tests.support.deals import deal_payload
from tests.support.processes import wait_until


def test_a_tablet_of_the_new_evening_sees_none_of_the_old_deals(programs, tmp_path):
    data = tmp_path / "hub"
    ids, old_deals = first_evening(data)
    assert bors("hub", "new-evening", "--data", str(data), "--date", "2027-11-24").returncode == 0
    hub = programs.hub(data)
    kiosk = programs.kiosk(tmp_path / "new-tablet", hub.url)
    found = wait_until(
        lambda: requests.get(f"{kiosk.url}/api/participants?q=sagene", timeout=2).json()[
            "participants"
        ]
    )
    assert [p["id"] for p in found] == [ids["consented"]]  # the carried register reached it
    listing = requests.get(f"{kiosk.url}/", timeout=5).text
    assert not any(deal in listing for deal in old_deals)

    payload = deal_payload(ids["consented"], ids["invitee"])
    made = requests.post(f"{kiosk.url}/api/deals", json=payload, timeout=5)
    assert made.status_code == 201, made.text
    wait_until(lambda: requests.get(f"{hub.url}/api/stats", timeout=2).json()["deals"] == 1)
    with login_session(hub.url) as organiser:
        now = organiser.get(f"{hub.url}/api/report", timeout=5).json()
        then = organiser.get(f"{hub.url}/api/report?evening=2026-11-25", timeout=5).json()
    assert now["deals"]["total"] == 1 and then["deals"]["total"] == 4
    assert now["comparison"]["record"]["deals"] == 4  # last year's, the one to beat
    assert made.json()["id"] in requests.get(f"{kiosk.url}/", timeout=5).text
