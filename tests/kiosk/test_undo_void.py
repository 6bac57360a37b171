"""Undoing a void on the tablet (issue 11 item 10): voided on the tablet, undone on the tablet's
deal list after a confirmation, and the hub counts the deal again, once, between real processes.
The tablet writes ``DealVoidUndone`` (a kiosk may not write the organiser's rulings)."""

from __future__ import annotations

import requests

from tests.support.auth import csrf_token_in, login_session
from tests.support.deals import deal_payload
from tests.support.processes import wait_until


def hub_stats(hub) -> dict:
    return requests.get(f"{hub.url}/api/stats", timeout=2).json()


def test_a_void_undone_on_the_tablet_counts_the_deal_again_once_on_the_hub(
    programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    kiosk = programs.kiosk(tmp_path / "k1", hub.url)
    people = wait_until(
        lambda: requests.get(f"{kiosk.url}/api/participants?q=kvern", timeout=2).json()[
            "participants"
        ]
    )
    payload = deal_payload(people[0]["id"], people[1]["id"])
    deal_id = requests.post(f"{kiosk.url}/api/deals", json=payload, timeout=5).json()["id"]
    voided = requests.post(
        f"{kiosk.url}/api/deals/{deal_id}/void", json={"reason": "feil par"}, timeout=5
    )
    assert voided.status_code == 201
    wait_until(lambda: (hub_stats(hub)["deals"], hub_stats(hub)["voided"]) == (0, 1))

    tablet = requests.Session()
    listing = tablet.get(f"{kiosk.url}/", timeout=5).text
    assert f'href="/deals/{deal_id}/restore"' in listing  # only a voided deal offers it
    asked = tablet.get(f"{kiosk.url}/deals/{deal_id}/restore", timeout=5)
    assert asked.status_code == 200
    assert "Skal avtalen telle igjen" in asked.text and "feil par" in asked.text
    assert hub_stats(hub)["voided"] == 1  # asking changed nothing
    done = tablet.post(
        f"{kiosk.url}/deals/{deal_id}/restore",
        data={"csrf_token": csrf_token_in(asked.text)},
        timeout=5,
    )
    assert done.status_code == 200 and "teller igjen" in done.text
    assert f'href="/deals/{deal_id}/restore"' not in done.text

    wait_until(lambda: (hub_stats(hub)["deals"], hub_stats(hub)["voided"]) == (1, 0))
    wait_until(lambda: requests.get(f"{kiosk.url}/api/status", timeout=2).json()["pending"] == 0)
    with login_session(hub.url) as organiser:
        deals = organiser.get(f"{hub.url}/api/deals", timeout=2).json()["deals"]
    assert [d["id"] for d in deals] == [deal_id]  # counted once: the same deal, not a new one
    assert hub_stats(hub)["deals"] == 1

    # nothing left to take back: a second undo is refused with a stable code and stores nothing
    again = requests.post(f"{kiosk.url}/api/deals/{deal_id}/restore", json={}, timeout=5)
    assert again.status_code == 409 and again.json()["error"] == "not_voided"
    assert requests.get(f"{kiosk.url}/api/status", timeout=2).json()["pending"] == 0

    # the organiser voids it on the hub: that void is theirs, the tablet offers no undo of it
    with login_session(hub.url) as organiser:
        organiser.post(f"{hub.url}/deals/{deal_id}/void", data={"reason": "arrangøren"}, timeout=5)
    wait_until(lambda: hub_stats(hub)["voided"] == 1)
    wait_until(lambda: "arrang" in tablet.get(f"{kiosk.url}/deals/{deal_id}/restore").text)
    assert f'href="/deals/{deal_id}/restore"' not in tablet.get(f"{kiosk.url}/", timeout=5).text
    refused = requests.post(f"{kiosk.url}/api/deals/{deal_id}/restore", json={}, timeout=5)
    assert refused.status_code == 409 and hub_stats(hub)["voided"] == 1


def test_an_undo_takes_back_only_the_voids_it_saw_and_a_later_void_stands(kiosk, tablet):
    people = sorted(kiosk.evening.participants)
    payload = deal_payload(people[0], people[1])
    deal_id = tablet.post("/api/deals", json=payload).get_json()["id"]
    assert tablet.post(f"/api/deals/{deal_id}/restore").status_code == 409  # not voided
    for reason in ("feil par", "dobbel"):
        kiosk.void_deal(deal_id, {"reason": reason})
    seen = kiosk.evening.deals[deal_id].open_voids
    assert len(seen) == 2 and kiosk.evening.deals[deal_id].voided

    assert tablet.post(f"/api/deals/{deal_id}/restore").status_code == 201
    deal = kiosk.evening.deals[deal_id]
    assert not deal.voided and deal.open_voids == [] and not deal.conflict
    assert deal_id in {d.id for d in kiosk.evening.deals.counted_deals()}

    kiosk.void_deal(deal_id, {"reason": "likevel ikke"})  # a void after the undo stands
    assert kiosk.evening.deals[deal_id].voided
    assert kiosk.evening.deals[deal_id].void_reason == "likevel ikke"
