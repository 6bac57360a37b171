"""Promise 3 in the runner: the same set of events gives the same evening, however it arrives.

A hub and two tablets write their journals through the real command methods
(:class:`tests.support.journals.Venue`); their events are folded shuffled, in every order,
twice and in pieces, and every projection must show the same deal list, counts and conflicts.
"""

from __future__ import annotations

import itertools
import random

import pytest

from shared.evening import Evening
from tests.support.journals import Venue, fold, picture


def a_busy_evening(venue: Venue) -> None:
    """Deals, corrections, voids and a conflict, as the order tests below fold them."""
    venue.busy_evening()
    evening = fold(venue.events)
    assert evening.stats()["deals"] == 3 and evening.stats()["conflicts"] == 1


def test_a_busy_evening(venue) -> None:
    a_busy_evening(venue)


@pytest.mark.parametrize("seed", range(25))
def test_any_arrival_order_gives_the_same_evening(venue, seed):
    a_busy_evening(venue)
    expected = picture(fold(venue.events))
    shuffled = list(venue.events)
    random.Random(seed).shuffle(shuffled)
    assert picture(fold(shuffled)) == expected


def test_every_order_of_a_conflict_gives_the_same_evening(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    venue.correct(venue.kiosk1, deal_id, root, "Sagene IF", "Bydel Sagene", category="culture")
    venue.correct(venue.kiosk2, deal_id, root, "Sagene IF", "Bydel Sagene", category="expertise")
    venue.void(venue.kiosk2, deal_id, root)
    head, tail = venue.events[:-4], venue.events[-4:]
    pictures = {repr(picture(fold(head + list(order)))) for order in itertools.permutations(tail)}
    assert len(pictures) == 1


def test_applying_events_twice_changes_nothing(venue):
    a_busy_evening(venue)
    once = fold(venue.events)
    twice = fold(venue.events)
    version = twice.version
    assert not any(twice.apply(ev) for ev in reversed(venue.events))
    assert twice.version == version
    assert picture(twice) == picture(once)


def test_folding_in_pieces_equals_folding_at_once(venue):
    a_busy_evening(venue)
    evening = Evening()
    for start in range(0, len(venue.events), 3):
        for ev in venue.events[start : start + 3]:
            evening.apply(ev)
    assert picture(evening) == picture(fold(venue.events))
