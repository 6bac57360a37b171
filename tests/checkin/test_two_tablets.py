"""The same person checked in at two doors: two tablets, both offline, each says "checked in";
once both have synced, the hub and both tablets count one arrival, and a batch sent twice
changes nothing."""

from __future__ import annotations

from pathlib import Path

from hub.service import Hub
from kiosk.checkin import service
from kiosk.service import Kiosk
from tests.support.sync import pull, push, sync


def test_one_person_two_tablets_one_arrival(tmp_path: Path, sagene_hub: Hub):
    doors = [Kiosk(tmp_path / f"door{n}") for n in (1, 2)]
    try:
        for door in doors:
            pull(door, sagene_hub)
        pid = next(p.id for p in sagene_hub.evening.participants.values() if p.name == "Sagene IF")
        first, second = (service.check_in(door, pid) for door in doors)
        assert not first.already_here and not second.already_here  # neither knew of the other
        for door in doors:
            push(door, sagene_hub)
        assert sagene_hub.evening.stats()["arrived"] == 1
        assert sagene_hub.evening.stats()["arrived_by_sector"] == {"voluntary": 1}
        for door in doors:
            pull(door, sagene_hub)
            assert door.evening.arrivals.count() == 1
            assert service.check_in(door, pid).already_here
        # the first tablet's whole journal again, as after a lost acknowledgement
        again = sagene_hub.ingest(
            {"device": str(doors[0].device_id), "events": doors[0].outbox(100)}
        )
        doors[0].status.acked = 0
        replay = sagene_hub.ingest(
            {"device": str(doors[0].device_id), "events": doors[0].outbox(100)}
        )
        assert again["accepted"] == 0 and replay["accepted"] == 0 and replay["duplicates"] > 0
        assert sagene_hub.evening.stats()["arrived"] == 1
        # an undo on one tablet takes back what it knew: both check-ins, seen after the pull
        service.undo_check_in(doors[1], pid)
        sync(doors[1], sagene_hub)
        assert sagene_hub.evening.arrivals.count() == 0
    finally:
        for door in doors:
            door.close()
