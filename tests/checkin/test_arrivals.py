"""Arrivals folded from check-ins: one arrival per person, whatever tablet and whatever order."""

from __future__ import annotations

import random
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.checkin.projection import Arrivals
from shared.core.checks import ValidationFailed
from tests.support.journals import Venue, fold


def test_the_same_person_checked_in_on_two_tablets_is_one_arrival(venue: Venue):
    sagene = venue.people["Sagene IF"]
    first = venue.kiosk1.check_in(sagene)
    venue.kiosk2.check_in(sagene)
    venue.collect()
    evening = fold(venue.events)
    assert evening.arrivals.count() == 1
    assert evening.stats()["arrived"] == 1
    assert evening.stats()["arrived_by_sector"] == {"voluntary": 1}
    # the first check-in says when they came (device time, then identity)
    assert evening.arrivals.arrival(sagene).ref == first


def test_an_undo_takes_back_the_check_ins_it_names_and_no_other(venue: Venue):
    sagene = venue.people["Sagene IF"]
    on_one = venue.kiosk1.check_in(sagene)
    venue.kiosk1.undo_check_in(sagene, [on_one])
    venue.collect()
    assert not fold(venue.events).arrivals.is_here(sagene)
    # another tablet, offline, checked them in too: the undo on the first never saw it
    venue.kiosk2.check_in(sagene)
    venue.collect()
    evening = fold(venue.events)
    assert evening.arrivals.is_here(sagene)
    assert evening.arrivals.live_refs(sagene) == [evening.arrivals.arrival(sagene).ref]


def test_signed_up_but_not_come_lists_the_rest_by_name(venue: Venue):
    venue.kiosk1.check_in(venue.people["Bydel Sagene"])
    venue.collect()
    names = [p.name for p in fold(venue.events).arrivals.not_come()]
    assert names == ["Røde Kors Sagene", "Rørleggeren AS", "Sagene IF"]


def test_walk_ins_merged_by_the_organiser_count_once(venue: Venue):
    walk_ins = []
    for journal in (venue.kiosk1, venue.kiosk2):
        pid = str(uuid.uuid4())
        walk_in = {"name": "Ny forening", "sector": "voluntary", "contact": {}, "consent": False}
        journal.check_in_walk_in(pid, walk_in, "")
        walk_ins.append(pid)
    venue.collect()
    assert fold(venue.events).arrivals.count() == 2
    venue.hub.resolve_walk_ins(walk_ins, walk_ins[0])
    venue.collect()
    evening = fold(venue.events)
    assert evening.arrivals.count() == 1
    assert evening.arrivals.arrival(walk_ins[1]) is not None


@pytest.mark.parametrize(
    ("participant_id", "refs"),
    [("not-an-id", ["x/1"]), (str(uuid.uuid4()), []), (str(uuid.uuid4()), "x/1")],
)
def test_a_malformed_undo_is_refused_before_it_is_recorded(venue: Venue, participant_id, refs):
    with pytest.raises(ValidationFailed):
        venue.kiosk1.undo_check_in(participant_id, refs)
    assert venue.kiosk1.collect_events() == []


def _door_evening() -> list:
    venue = Venue()
    people = list(venue.people.values())
    refs = [venue.kiosk1.check_in(people[0]), venue.kiosk2.check_in(people[0])]
    refs.append(venue.kiosk2.check_in(people[1]))
    venue.kiosk1.undo_check_in(people[1], [refs[2]])
    venue.kiosk1.check_in(people[2])
    venue.kiosk2.undo_check_in(people[0], [refs[1]])
    venue.collect()
    return venue.events


def _door(evening) -> tuple:
    door: Arrivals = evening.arrivals
    return (
        door.count(),
        door.by_sector(),
        [(pid, c.ref) for pid, c in door.arrived()],
        [p.id for p in door.not_come()],
    )


DOOR_EVENTS = _door_evening()
DOOR_EXPECTED = _door(fold(DOOR_EVENTS))


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=0, max_value=len(DOOR_EVENTS)))
def test_arrivals_depend_only_on_the_set_of_events(rng: random.Random, repeats: int):
    """Shuffled and with some events delivered twice, the door says the same (promise 3)."""
    shuffled = list(DOOR_EVENTS) + rng.sample(DOOR_EVENTS, repeats)
    rng.shuffle(shuffled)
    assert _door(fold(shuffled)) == DOOR_EXPECTED
    assert DOOR_EXPECTED[0] == 2


def test_an_erased_walk_ins_sealed_contact_details_are_not_kept_in_either_order(venue: Venue):
    pid = str(uuid.uuid4())
    walk_in = {"name": "Dørgjest", "sector": "voluntary", "contact": {}, "consent": True}
    venue.kiosk1.check_in_walk_in(pid, walk_in, "sealed-for-the-hub")
    venue.collect()
    assert fold(venue.events).arrivals.sealed_contacts(pid) == ["sealed-for-the-hub"]
    venue.hub.erase_participant(pid, "request", object(), False)
    venue.collect()
    for events in (venue.events, list(reversed(venue.events))):
        arrivals = fold(events).arrivals
        assert arrivals.sealed_contacts(pid) == []
        assert pid not in arrivals.with_sealed_contacts()
        assert arrivals.is_here(pid)  # the count stays right: they came
