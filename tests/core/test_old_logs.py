"""Logs written by release 0.2 stay readable after the rooms refactor moved every event class.

The fixture (``tests/fixtures/release_0_2``) was written by that release's own code; its events
are stored under topics such as ``shared.domain.journal:Journal.DealRegistered`` and its
snapshots name ``shared.domain.journal:Journal``. Today's code replays the same folders and must
show the same deal list, figures, conflicts, participants and stage as that release did.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hub.service import Hub
from kiosk.service import Kiosk
from shared.stage.projection import PHASE_AFTER
from tests.support.deals import deal_payload

FIXTURE = Path(__file__).parent.parent / "fixtures" / "release_0_2"


@pytest.fixture
def old_folders(tmp_path: Path) -> Path:
    """A copy: opening a database writes to it, and the fixture must stay as it was made."""
    copy = tmp_path / "release_0_2"
    shutil.copytree(FIXTURE, copy)
    return copy


@pytest.fixture
def expected() -> dict:
    return json.loads((FIXTURE / "expected.json").read_text())


def as_json(value):
    return json.loads(json.dumps(value, default=str))


def deal_shown(d) -> dict:
    return {
        "id": d.id,
        "number": d.number,
        "parties": d.parties,
        "category": d.category,
        "kind": d.kind,
        "deadline": d.deadline,
        "broker": d.broker,
        "device": d.origin,
        "registered_at": d.registered_at.isoformat(),
        "voided": d.voided,
        "conflict": d.conflict,
        "received": d.received,
    }


def test_the_old_stored_topics_are_the_old_ones():
    import sqlite3

    db = sqlite3.connect(FIXTURE / "hub" / "hub.sqlite")
    try:
        topics = {row[0] for row in db.execute("SELECT DISTINCT topic FROM stored_events")}
        snapshots = [row[0] for row in db.execute("SELECT state FROM stored_snapshots")]
    finally:
        db.close()
    assert len(topics) == 15 and all(t.startswith("shared.domain.journal:Journal.") for t in topics)
    assert snapshots and b"shared.domain.journal:Journal" in snapshots[0]


def test_a_hub_replays_an_old_log_to_the_same_evening(old_folders, expected):
    hub = Hub(old_folders / "hub")
    try:
        evening = hub.evening
        deals = sorted((deal_shown(d) for d in evening.deals.values()), key=lambda d: d["id"])
        assert as_json(deals) == expected["deals"]
        meta = {
            d.id: {
                "revision": d.revision,
                "corrected": d.corrected,
                "void_reason": d.void_reason,
                "heads": d.heads,
                "open_voids": d.open_voids,
                "resolved": d.resolved,
                "revisions": d.revisions,
                "late": evening.stage.is_late(d),
            }
            for d in evening.deals.values()
        }
        assert as_json(meta) == expected["deal_meta"]
        stats = as_json(evening.stats())
        # Figures release 0.2 did not have (arrivals came with check-in) start from nothing; the
        # ones it had are the same.
        assert {k: v for k, v in stats.items() if k in expected["stats"]} == expected["stats"]
        assert {k: stats[k] for k in stats.keys() - expected["stats"].keys()} == {
            "arrived": 0,
            "arrived_by_sector": {},
        }
        assert as_json(evening.conflicts.all()) == expected["conflicts"]
        participants = {
            p.id: {
                "name": p.name,
                "sector": p.sector,
                "merged_into": p.merged_into,
                "walk_in": p.walk_in,
            }
            for p in evening.participants.values()
        }
        assert participants == expected["participants"]
        contacts = {pid: hub.contact_of(pid) for pid in expected["contacts"]}
        assert contacts == expected["contacts"]
        assert evening.settings == expected["settings"]
        stage = evening.stage
        assert stage.phase == expected["stage"]["phase"] == PHASE_AFTER
        assert (stage.hour_count(), stage.late_count()) == (
            expected["stage"]["hour"],
            expected["stage"]["late"],
        )
        assert as_json([vars(f) for f in stage.earlier_evenings()]) == expected["stage"]["earlier"]
        assert stage.closes_at().strftime("%H:%M") == expected["stage"]["closes_at"]
        # release 0.2 had no show_value (ScreenConfigured v1): upcast with the switch off
        assert vars(stage.screen) == {**expected["stage"]["screen"], "show_value": False}
    finally:
        hub.close()


def test_an_old_hub_journal_goes_on_from_its_snapshot(old_folders, expected):
    hub = Hub(old_folders / "hub")
    try:
        before = hub.journal.version
        hub.schedule_evening({**expected["settings"], "target": 70})
        assert hub.journal.version == before + 1
        assert hub.evening.settings["target"] == 70
    finally:
        hub.close()
    again = Hub(old_folders / "hub")
    try:
        assert again.evening.settings["target"] == 70
        assert len(again.evening.deals) == len(expected["deals"])
    finally:
        again.close()


def test_old_tablets_replay_their_journal_and_mirror(old_folders, expected):
    first = Kiosk(old_folders / "kiosk1")
    second = Kiosk(old_folders / "kiosk2")
    try:
        assert [d.id for d in first.my_deals()] == expected["kiosk1_mine"]
        assert sorted(second.evening.deals) == expected["kiosk2_deals"]
        a, b = [p for p, shown in expected["participants"].items() if not shown["walk_in"]][:2]
        saved = first.register_deal(deal_payload(a, b))
        assert first.my_deals()[0].id == saved.id
        assert first.outbox(10)[0]["type"] == "DealRegistered"
    finally:
        first.close()
        second.close()
