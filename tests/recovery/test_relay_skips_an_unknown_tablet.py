"""A tablet relaying its mirror to a spare hub whose backup predates another tablet's pairing:
the spare cannot vouch for that tablet's events and refuses them, but only them; every other
device's events still come back (kiosk.relay sends a refused batch again device by device).

In process: the hub, three tablets and the spare are real services; the sealed HTTP channel
between a tablet and the spare is left out (tests/recovery/test_spare_hub.py has it)."""

from __future__ import annotations

import shutil

from hub.backup.contents import copy_sqlite
from hub.service import Hub
from hub.sync.relay import ingest_relayed
from kiosk.hub_client import HubRefused
from kiosk.relay import relay_mirror
from kiosk.service import Kiosk
from shared.core import signing
from shared.core.errors import CodedError
from tests.support.sync import deal, pull, push


class Channel:
    """POST /api/sync/relay without its envelope: the spare's answer, or its refusal."""

    def __init__(self, spare: Hub):
        self.spare = spare
        self.batches = 0

    def relay(self, url: str, events: list[dict]) -> dict:
        self.batches += 1
        try:
            return ingest_relayed(self.spare, events)
        except CodedError as refused:
            raise HubRefused(refused.code, refused.status, refused.as_json()) from None


def test_one_tablet_unknown_to_the_spare_costs_only_its_own_events(seeded_hub, tmp_path):
    hub = seeded_hub
    early, late, carrier = (Kiosk(tmp_path / n) for n in ("early", "late", "carrier"))
    try:
        ids = [p.id for p in hub.evening.participants.values()]
        pull(early, hub)
        early.register_deal(deal(ids[0], ids[1]))
        push(early, hub)
        spare_dir = tmp_path / "spare"
        spare_dir.mkdir()
        copy_sqlite(hub.data_dir / "hub.sqlite", spare_dir / "hub.sqlite")  # the last backup
        for name in ("device-id", signing.KEY_FILE, signing.BOOK_FILE):
            shutil.copy(hub.data_dir / name, spare_dir / name)
        pull(late, hub)  # paired after the backup: the spare never learnt its key
        late.register_deal(deal(ids[2], ids[3]))
        push(late, hub)
        early.register_deal(deal(ids[4], ids[5]))
        push(early, hub)
        pull(carrier, hub)

        spare = Hub(spare_dir)
        try:
            before = spare.evening.deals.counted
            totals = relay_mirror(carrier, Channel(spare), "http://spare")
            assert totals["refused_devices"] == 1 and totals["accepted"] >= 1
            assert spare.evening.deals.counted == before + 1  # early's second deal, not late's
            assert spare._held(late.device_id) == 0
            assert spare._held(early.device_id) == early.journal.version
        finally:
            spare.close()
    finally:
        for kiosk in (early, late, carrier):
            kiosk.close()
