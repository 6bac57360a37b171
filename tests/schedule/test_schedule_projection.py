"""The evening's plan (shared.schedule.projection.Schedule): the latest plan, by event order."""

from __future__ import annotations

import uuid

from shared.core.device import ROLE_HUB
from shared.evening import Evening
from shared.journal import Journal
from tests.support.journals import fold

PLAN_2026 = {
    "name": "Frivilligbørs Sagene 2026",
    "date": "2026-11-26",
    "opens_at": "17:30",
    "closes_at": "18:30",
    "target": 60,
}


def test_before_anything_is_planned_there_are_no_settings():
    assert Evening().settings is None
    assert Evening().schedule.settings is None


def test_the_plan_reads_as_it_was_typed_with_every_field(venue):
    assert fold(venue.events).settings == {
        "name": "Frivilligbørs Sagene",
        "venue": "",
        "date": "2026-11-26",
        "opens_at": "17:45",
        "closes_at": "18:45",
        "target": 51,
    }


def test_the_latest_settings_win_whatever_the_order(venue):
    venue.hub.schedule_evening(PLAN_2026)
    venue.collect()
    assert fold(reversed(venue.events)).settings["name"] == "Frivilligbørs Sagene 2026"
    assert fold(venue.events).settings["target"] == 60


def test_a_plan_written_later_on_a_spare_laptop_wins_even_when_it_arrives_first(venue):
    spare = Journal(device_id=str(uuid.uuid4()), role=ROLE_HUB, name="Reservehub")
    spare.schedule_evening({**PLAN_2026, "name": "Frivilligbørs Sagene, reserve"})
    later = spare.collect_events()
    assert fold([*later, *venue.events]).settings["name"] == "Frivilligbørs Sagene, reserve"
    assert fold([*venue.events, *later]).settings["name"] == "Frivilligbørs Sagene, reserve"
