"""The rehearsal in the fold: practice facts are those each author wrote inside its own practice
window; once the wipe is folded, every projection is what a fold without them would be."""

from __future__ import annotations

import random
import uuid

import pytest

from shared.core.checks import ValidationFailed
from shared.evening import Evening
from tests.support.journals import Venue, fold, picture


def folded(events) -> Evening:
    """Fold as a node does: its store is the source a wipe folds afresh from."""
    evening = Evening()
    held: list = []
    evening.source = lambda: [(ev, n) for n, ev in enumerate(held, start=1)]
    for ev in events:
        held.append(ev)
        evening.apply(ev, len(held))
    return evening


def rehearsed(venue: Venue) -> tuple[list[str], set[int]]:
    """Real deals before and after a practice with deals, a walk-in and a correction; returns
    the real deal ids and the indexes (in venue.events) of every practice fact and marker."""
    real = [venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")]
    start = len(venue.events)
    rehearsal = str(uuid.uuid4())
    venue.hub.start_rehearsal(rehearsal, Evening().rehearsals, False)
    venue.kiosk1.join_rehearsal(rehearsal)
    venue.collect()
    practice = venue.register(venue.kiosk1, "Rørleggeren AS", "Røde Kors Sagene")
    venue.register(venue.hub, "Sagene IF", "Røde Kors Sagene")  # the organiser practises too
    base = fold(venue.events).deals[practice].revision
    venue.correct(venue.kiosk1, practice, base, "Rørleggeren AS", "Bydel Sagene")
    state = fold(venue.events).rehearsals
    venue.hub.end_rehearsal(state)
    venue.kiosk1.leave_rehearsal(rehearsal)
    venue.collect()
    marked = set(range(start, len(venue.events)))
    real.append(venue.register(venue.kiosk1, "Bydel Sagene", "Rørleggeren AS"))
    real.append(venue.register(venue.kiosk2, "Sagene IF", "Rørleggeren AS"))
    before_wipe = len(venue.events)
    venue.hub.wipe_rehearsal(fold(venue.events).rehearsals)
    venue.collect()
    marked |= set(range(before_wipe, len(venue.events)))
    return real, marked


def test_a_wiped_rehearsal_leaves_the_fold_of_the_real_evening():
    venue = Venue()
    real, marked = rehearsed(venue)
    evening = folded(venue.events)
    without = fold([ev for i, ev in enumerate(venue.events) if i not in marked])
    assert picture(evening) == picture(without)
    assert sorted(evening.deals) == sorted(real)
    assert evening.stats()["deals"] == 3
    assert evening.rehearsals.running is None and len(evening.rehearsals.wiped) == 1


def test_before_the_wipe_the_practice_shows_and_is_known_as_practice():
    venue = Venue()
    rehearsal = str(uuid.uuid4())
    venue.hub.start_rehearsal(rehearsal, Evening().rehearsals, False)
    venue.kiosk2.join_rehearsal(rehearsal)
    venue.collect()
    deal = venue.register(venue.kiosk2, "Sagene IF", "Bydel Sagene")
    evening = folded(venue.events)
    assert evening.rehearsals.running == rehearsal
    assert deal in evening.deals and evening.rehearsals.practice_deals() == [deal]
    assert evening.stats()["deals"] == 1


def test_any_order_that_keeps_each_device_in_sequence_folds_alike():
    venue = Venue()
    rehearsed(venue)
    expected = picture(folded(venue.events))
    for seed in range(5):
        rng = random.Random(seed)
        queues: dict = {}
        for ev in venue.events:
            queues.setdefault(ev.originator_id, []).append(ev)
        shuffled = []
        while queues:
            device = rng.choice(sorted(queues, key=str))
            shuffled.append(queues[device].pop(0))
            if not queues[device]:
                del queues[device]
        assert picture(folded(shuffled + venue.events[:7])) == expected


def test_the_organiser_cannot_start_twice_during_the_hour_or_wipe_nothing():
    venue = Venue()
    with pytest.raises(ValidationFailed) as refused:
        venue.hub.wipe_rehearsal(Evening().rehearsals)
    assert refused.value.errors[0].code == "no_rehearsal"
    with pytest.raises(ValidationFailed) as refused:
        venue.hub.start_rehearsal(str(uuid.uuid4()), Evening().rehearsals, True)
    assert refused.value.errors[0].code == "rehearsal_after_doors"
    venue.hub.start_rehearsal(str(uuid.uuid4()), Evening().rehearsals, False)
    venue.collect()
    with pytest.raises(ValidationFailed) as refused:
        venue.hub.start_rehearsal(str(uuid.uuid4()), fold(venue.events).rehearsals, False)
    assert refused.value.errors[0].code == "rehearsal_running"


def test_a_follow_up_on_a_practice_deal_goes_with_the_wipe_one_on_a_real_deal_stays():
    venue = Venue()
    real = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    rehearsal = str(uuid.uuid4())
    venue.hub.start_rehearsal(rehearsal, Evening().rehearsals, False)
    venue.kiosk1.join_rehearsal(rehearsal)
    venue.collect()
    practice = venue.register(venue.kiosk1, "Rørleggeren AS", "Røde Kors Sagene")
    venue.hub.end_rehearsal(fold(venue.events).rehearsals)
    venue.kiosk1.leave_rehearsal(rehearsal)
    # after the practice ended: the organiser tries the board on both deals
    venue.hub.record_followup(practice, {"status": "in_progress"})
    venue.hub.record_followup(real, {"status": "done"})
    venue.collect()
    assert practice in folded(venue.events).followup
    venue.hub.wipe_rehearsal(fold(venue.events).rehearsals)
    venue.collect()
    evening = folded(venue.events)
    assert evening.followup.deal_ids() == [real]
    assert practice not in evening.followup and practice not in evening.deals
