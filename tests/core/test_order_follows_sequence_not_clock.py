"""Promise 7: clocks lie. Order within a tablet follows its sequence, never its clock.

A tablet's clock is played wrong with ``BORS_CLOCK_SKEW_SECONDS`` (read by the journal each time
it stamps an event; see :func:`shared.core.device.device_now`). Each event keeps the device
time it was written with, for the record; nothing orders or counts by it. The countdown and
``now`` on the stage come from the hub's clock.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import requests

from hub.service import Hub
from kiosk.service import Kiosk
from shared.core.device import CLOCK_SKEW_ENV
from tests.support.pairing import pair_device
from tests.support.processes import wait_until
from tests.support.sync import deal, sync

TEN_MINUTES = 600


@pytest.fixture
def venue(tmp_path: Path):
    hub = Hub(tmp_path / "hub")
    for name, sector in (
        ("Sagene IF", "voluntary"),
        ("Bydel Sagene", "public"),
        ("Snekkeriet AS", "business"),
    ):
        hub.register_participant({"name": name, "sector": sector})
    slow, fast = Kiosk(tmp_path / "slow"), Kiosk(tmp_path / "fast")
    for kiosk in (slow, fast):
        sync(kiosk, hub)
    yield hub, slow, fast
    for node in (hub, slow, fast):
        node.close()


def _on_clock(monkeypatch, skew_seconds: int) -> None:
    monkeypatch.setenv(CLOCK_SKEW_ENV, str(skew_seconds))


def test_a_tablet_ten_minutes_off_lists_its_deals_in_the_order_they_were_made(venue, monkeypatch):
    hub, slow, fast = venue
    a, b, _c = sorted(hub.evening.participants)
    made = []
    for i, (kiosk, skew) in enumerate(
        [(fast, TEN_MINUTES), (slow, -TEN_MINUTES), (fast, TEN_MINUTES), (slow, -TEN_MINUTES)] * 2
    ):
        _on_clock(monkeypatch, skew)
        made.append(kiosk.register_deal(deal(a, b, broker=f"B{i}")))
    monkeypatch.delenv(CLOCK_SKEW_ENV)
    for kiosk in (slow, fast):
        sync(kiosk, hub)

    for kiosk in (slow, fast):
        numbers = [d.number for d in kiosk.my_deals()]
        assert numbers == [f"{kiosk.tag}-{n}" for n in (4, 3, 2, 1)]  # newest first, by seq

    now = dt.datetime.now(dt.UTC)
    for deal_view in made:
        # Each deal keeps the device time it was written with, wrong as it was.
        off = (deal_view.registered_at - now).total_seconds()
        expected = TEN_MINUTES if deal_view.origin == str(fast.device_id) else -TEN_MINUTES
        assert abs(off - expected) < 60
    assert hub.stats()["deals"] == 8
    hub_now = dt.datetime.fromisoformat(hub.stats()["now"])
    assert abs((hub_now - now).total_seconds()) < 60  # the stage counts down on the hub's clock


def test_a_clock_set_back_mid_evening_does_not_undo_a_correction(venue, monkeypatch):
    hub, slow, _fast = venue
    a, b, _c = sorted(hub.evening.participants)
    _on_clock(monkeypatch, TEN_MINUTES)
    registered = slow.register_deal(deal(a, b))
    _on_clock(monkeypatch, -TEN_MINUTES)  # the tablet's clock is corrected: now it is "earlier"
    slow.correct_deal(registered.id, deal(a, b, category="courses"))
    slow.correct_deal(registered.id, deal(a, b, category="culture"))
    monkeypatch.delenv(CLOCK_SKEW_ENV)
    sync(slow, hub)

    for evening in (slow.evening, hub.evening):
        current = evening.deals[registered.id]
        assert (current.category, current.conflict) == ("culture", False)
        assert current.revision == f"{slow.device_id}/4"


def test_a_skewed_tablet_as_a_real_program(programs, seeded_hub_dir, tmp_path, monkeypatch):
    hub = programs.hub(seeded_hub_dir)  # the hub's clock is right
    kiosk_dir = tmp_path / "skewed"
    pair_device(seeded_hub_dir, hub.url, kiosk_dir)
    monkeypatch.setenv(CLOCK_SKEW_ENV, str(-TEN_MINUTES))
    kiosk = programs.kiosk(kiosk_dir, hub.url)
    monkeypatch.delenv(CLOCK_SKEW_ENV)

    participants = wait_until(
        lambda: requests.get(f"{kiosk.url}/api/participants?q=a", timeout=2).json()["participants"]
    )
    a, b = participants[0]["id"], participants[1]["id"]
    ids = [
        requests.post(f"{kiosk.url}/api/deals", json=deal(a, b, broker=f"B{i}"), timeout=5).json()[
            "id"
        ]
        for i in range(3)
    ]
    listed = requests.get(f"{kiosk.url}/api/deals", timeout=2).json()["deals"]
    assert [d["id"] for d in listed] == ids[::-1]
    now = dt.datetime.now(dt.UTC)
    for shown in listed:
        off = (dt.datetime.fromisoformat(shown["registered_at"]) - now).total_seconds()
        assert abs(off + TEN_MINUTES) < 60

    stats = wait_until(
        lambda: (s := requests.get(f"{hub.url}/api/stats", timeout=2).json())["deals"] == 3 and s
    )
    assert abs((dt.datetime.fromisoformat(stats["now"]) - now).total_seconds()) < 60
