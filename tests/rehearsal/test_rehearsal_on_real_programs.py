"""A rehearsal on a real tablet synced to a real hub, then wiped: the real evening's deals made
before and after it stand, the counts are those of a fold without the practice, the tablet's
list drops the practice at its next pull, and the practice walk-in's contact key is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from hub import rehearsal
from hub.service import Hub
from kiosk.service import Kiosk
from shared.evening import Evening
from shared.rehearsal.projection import MARKERS
from tests.support.auth import login_session
from tests.support.processes import Programs, wait_until

pytestmark = pytest.mark.slow

CONTACT = {
    "contact_person": "Per Prøve",
    "email": "per.prove@example.no",
    "phone": "+47 987 65 432",
}


def deal(a: str, b: str) -> dict:
    return {
        "parties": [
            {"walk_in": {"name": a, "sector": "voluntary"}, "gives": "Kurs"},
            {"walk_in": {"name": b, "sector": "business"}, "gives": "Lokale"},
        ],
        "category": "courses",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }


def save(kiosk_url: str, body: dict) -> str:
    answer = requests.post(kiosk_url + "/api/deals", json=body, timeout=5)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def status(kiosk_url: str) -> dict:
    return requests.get(kiosk_url + "/api/status", timeout=5).json()


def organiser(session, hub_url: str, action: str) -> requests.Response:
    return session.post(f"{hub_url}/rehearsal/{action}", data={"confirmed": "yes"}, timeout=10)


def without_practice(events: list) -> list:
    """The log with the practice cut out by hand: each author's events between its own
    markers, the markers, and whatever names a practice deal or walk-in."""
    windows: dict[str, list[int]] = {}
    for ev in events:
        if type(ev) in MARKERS:
            windows.setdefault(str(ev.originator_id), []).append(ev.originator_version)
    practice_ids: set[str] = set()
    kept = []
    for ev in events:
        marks = windows.get(str(ev.originator_id), [])
        inside = len(marks) >= 2 and marks[0] < ev.originator_version < marks[1]
        names = {getattr(ev, "deal_id", None), getattr(ev, "participant_id", None)}
        if type(ev) in MARKERS:
            continue
        if type(ev).__name__ in {"DealRegistered", "ParticipantRegistered",
                                 "ParticipantCheckedIn", "DealCorrected"} and inside:  # fmt: skip
            practice_ids |= names - {None}
            continue
        if names & practice_ids:
            continue
        kept.append(ev)
    return kept


def test_a_wiped_rehearsal_leaves_the_real_evening_on_hub_and_tablet(
    programs: Programs, tmp_path: Path
):
    hub = programs.hub(tmp_path / "hub")
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    session = login_session(hub.url)
    before = save(kiosk.url, deal("Sagene IF", "Sagene Bakeri"))

    assert organiser(session, hub.url, "start").status_code in (200, 303)
    wait_until(lambda: status(kiosk.url)["practice"], timeout=15)
    assert "practice-band" in requests.get(hub.url + "/screen", timeout=5).text
    assert "practice-band" in requests.get(kiosk.url + "/", timeout=5).text
    practice = save(kiosk.url, deal("Øvelaget", "Øvebakeriet"))
    walk_in = {"name": "Prøveklubben", "sector": "voluntary", **CONTACT, "consent": True}
    answer = requests.post(kiosk.url + "/api/checkins", json={"walk_in": walk_in}, timeout=5)
    assert answer.status_code == 201, answer.text
    practice_walk_in = answer.json()["participant_id"]
    wait_until(lambda: session.get(hub.url + "/api/rehearsal", timeout=5).json()["deals"] == 1)
    wait_until(lambda: requests.get(hub.url + "/api/stats", timeout=5).json()["deals"] == 2)

    assert organiser(session, hub.url, "end").status_code in (200, 303)
    wait_until(lambda: not status(kiosk.url)["practice"], timeout=15)
    after = save(kiosk.url, deal("Torshov IL", "Torshov Kafé"))
    wait_until(lambda: status(kiosk.url)["pending"] == 0, timeout=15)
    wait_until(lambda: requests.get(hub.url + "/api/stats", timeout=5).json()["deals"] == 3)

    wiped = organiser(session, hub.url, "wipe")
    assert wiped.status_code == 200 and 'data-testid="rehearsal-wiped"' in wiped.text
    stats = requests.get(hub.url + "/api/stats", timeout=5).json()
    assert stats["deals"] == 2 and stats["arrived"] == 0
    on_hub = {d["id"] for d in session.get(hub.url + "/api/deals", timeout=5).json()["deals"]}
    assert on_hub == {before, after}
    assert "practice-band" not in requests.get(hub.url + "/screen", timeout=5).text
    exported = session.get(hub.url + "/export.csv", timeout=10).text
    assert "Sagene Bakeri" in exported and "Torshov Kafé" in exported
    assert "Øvelaget" not in exported and "Prøveklubben" not in exported

    def tablet_list() -> set[str]:
        return {d["id"] for d in requests.get(kiosk.url + "/api/deals", timeout=5).json()["deals"]}

    wait_until(lambda: tablet_list() == {before, after}, timeout=15)
    assert practice not in tablet_list()
    hub.stop()
    kiosk.stop()

    # the hub's log folded afresh by hand without the practice: the same evening
    restarted = Hub(tmp_path / "hub")
    try:
        rehearsal.install(restarted)
        events = [restarted.store.mapper.to_domain_event(n) for n in restarted.store.read_all(0)]
        fresh = Evening()
        for position, ev in enumerate(without_practice(events), start=1):
            fresh.apply(ev, position)
        assert restarted.evening.stats() == fresh.stats()
        assert sorted(restarted.evening.deals) == sorted(fresh.deals) == sorted([before, after])
        names = {p.name for p in restarted.evening.participants.values()}
        assert names == {"Sagene IF", "Sagene Bakeri", "Torshov IL", "Torshov Kafé"}
        assert restarted.contacts.is_erased(practice_walk_in)
        assert restarted.contact_of(practice_walk_in)["email"] == ""
    finally:
        restarted.close()
    tablet = Kiosk(tmp_path / "kiosk")
    try:
        assert {d.id for d in tablet.my_deals()} == {before, after}
        assert tablet.evening.stats()["deals"] == 2
    finally:
        tablet.close()
