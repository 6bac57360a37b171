"""A tablet that was off the Wi-Fi when the organiser wiped: its practice deal, pushed after the
wipe, is folded into nothing on the hub; the tablet wipes at that same sync and leaves the
practice, and what it saves afterwards is real."""

from __future__ import annotations

from pathlib import Path

from hub import rehearsal
from kiosk.service import Kiosk
from tests.support.sync import deal, sync


def test_a_practice_deal_pushed_after_the_wipe_never_counts(hub, tmp_path: Path):
    rehearsal.install(hub)
    a, b = (hub.register_participant({"name": n, "sector": "voluntary"}) for n in ("Aa", "Bb"))
    tablet = Kiosk(tmp_path / "kiosk")
    try:
        sync(tablet, hub)
        real = tablet.register_deal(deal(a, b)).id
        rehearsal.start(hub)
        sync(tablet, hub)  # the tablet learns of the practice at its pull and joins it
        assert tablet.status_dict()["practice"]
        offline = tablet.register_deal(deal(b, a, broker="Øve")).id  # the Wi-Fi drops here
        assert rehearsal.wipe(hub) == 0  # the hub never saw the tablet's practice deal
        assert hub.evening.stats()["deals"] == 1

        sync(tablet, hub)  # back: the practice deal reaches the hub after the wipe
        assert offline in {str(e.deal_id) for e in _deals_stored(hub)}  # stored, append-only
        assert sorted(hub.evening.deals) == [real]
        assert hub.evening.stats()["deals"] == 1
        assert [d.id for d in tablet.my_deals()] == [real]
        assert not tablet.status_dict()["practice"]

        after = tablet.register_deal(deal(a, b, broker="Kari")).id
        sync(tablet, hub)
        assert sorted(hub.evening.deals) == sorted([real, after])
        assert hub.evening.stats()["deals"] == 2
    finally:
        tablet.close()


def _deals_stored(hub) -> list:
    events = (hub.store.mapper.to_domain_event(n) for n in hub.store.read_all(0))
    return [e for e in events if type(e).__name__ == "DealRegistered"]
