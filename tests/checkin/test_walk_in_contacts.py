"""A walk-in at the door with the hub away: their contact details are sealed on the tablet so
that only the hub can open them, reach the hub once when it is back, and then sit in the hub's
vault like anyone's (so the same emails reach them afterwards)."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from hub.followup.mail import recipients
from hub.service import Hub
from tests.support.processes import Programs, wait_until

pytestmark = pytest.mark.slow

CONTACT = {"contact_person": "Kari Dørvakt", "email": "kari.dorvakt@example.no",
           "phone": "+47 912 34 567"}  # fmt: skip


def files_mention(folder: Path, *secrets: str) -> list[str]:
    """The files under ``folder`` in which any of ``secrets`` can be read."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(s.encode() in data for s in secrets):
                found.append(path.name)
    return found


def test_a_walk_in_checked_in_offline_reaches_the_hub_once_with_readable_contacts(
    programs: Programs, tmp_path: Path
):
    hub = programs.hub(tmp_path / "hub")
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    hub.kill()  # the hub laptop's lid closes: the door goes on

    walk_in = {"name": "Torshov Strikkeklubb", "sector": "voluntary", **CONTACT, "consent": True}
    answer = requests.post(kiosk.url + "/api/checkins", json={"walk_in": walk_in}, timeout=5)
    assert answer.status_code == 201, answer.text
    participant_id = answer.json()["participant_id"]
    # and makes a deal at once, with another walk-in who left no contact details
    deal = {
        "parties": [
            {"participant_id": participant_id, "gives": "Strikkekurs"},
            {"walk_in": {"name": "Torshov Kafé", "sector": "business"}, "gives": "Lokale"},
        ],
        "category": "courses",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }
    assert requests.post(kiosk.url + "/api/deals", json=deal, timeout=5).status_code == 201
    assert requests.get(kiosk.url + "/api/status", timeout=5).json()["pending"] > 0
    assert files_mention(tmp_path / "kiosk", *CONTACT.values()) == []

    hub = programs.hub(tmp_path / "hub", port=hub.port)
    wait_until(
        lambda: requests.get(kiosk.url + "/api/status", timeout=5).json()["pending"] == 0,
        timeout=20,
    )
    hub.stop()
    kiosk.stop()

    # what the tablet holds now (its journal and its mirror of the hub's log) is still noise
    assert files_mention(tmp_path / "kiosk", *CONTACT.values()) == []
    on_hub = Hub(tmp_path / "hub")
    try:
        named = [p for p in on_hub.evening.participants.values() if p.name == walk_in["name"]]
        assert [p.id for p in named] == [participant_id]
        assert on_hub.evening.arrivals.count() == 1
        assert on_hub.contact_of(participant_id) == CONTACT
        # so the walk-in gets the evening's email with their deal, like everyone signed up
        found, _no_address = recipients(on_hub)
        assert [r.address for r in found] == [CONTACT["email"]]
    finally:
        on_hub.close()
