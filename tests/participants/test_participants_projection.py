"""The participants (shared.participants.projection.Participants): the list, merges, the picker.

Journals are driven through their real command methods (:class:`tests.support.journals.Venue`)
and their events folded: who is signed up, which walk-in stands for which after a merge, and
what the broker's type-ahead finds.
"""

from __future__ import annotations

import pytest

from tests.support.journals import Venue, fold


def walk_in_at_a_deal(venue: Venue, journal, name: str, sector: str = "business") -> str:
    """A deal with a walk-in typed at the tablet; returns the walk-in's participant id."""
    deal = venue.deal("Sagene IF", "Bydel Sagene")
    deal["parties"][1] = {"walk_in": {"name": name, "sector": sector}, "gives": "Kaffe"}
    _, _, added = journal.register_deal(deal, venue.known)
    venue.collect()
    return added[0]


def test_a_walk_in_becomes_a_participant_with_the_deal(venue):
    deal = venue.deal("Sagene IF", "Bydel Sagene")
    deal["parties"][1] = {"walk_in": {"name": "Bakeriet", "sector": "business"}, "gives": "Kaffe"}
    deal_id, _, added = venue.kiosk1.register_deal(deal, venue.known)
    venue.collect()
    evening = fold(venue.events)
    walk_in = evening.participants[added[0]]
    assert walk_in.walk_in and walk_in.sector == "business" and not walk_in.consent_public
    assert evening.deals.sector_pair(evening.deals[deal_id]) == "business+voluntary"


def test_everyone_signed_up_is_listed_with_their_sector_and_who_wrote_them(venue):
    participants = fold(venue.events).participants
    assert sorted(p.name for p in participants.values()) == sorted(venue.people)
    assert len(participants) == participants.unmerged == 4
    sagene = participants[venue.people["Sagene IF"]]
    assert (sagene.sector, sagene.walk_in, sagene.merged_into) == ("voluntary", False, None)
    assert sagene.registered_by == str(venue.hub.id)
    assert participants.sector_of(venue.people["Rørleggeren AS"]) == "business"
    assert participants.sector_of("nobody we know") == "unknown"


def test_walk_ins_merged_by_the_organiser_stand_for_the_one_kept(venue):
    kept = walk_in_at_a_deal(venue, venue.kiosk1, "Tøyen Kafé")
    merged = walk_in_at_a_deal(venue, venue.kiosk2, "Tøyen kafé")
    before = fold(venue.events).participants
    assert before.unmerged == 6 and not before.has_merges

    venue.hub.resolve_walk_ins([kept, merged], keep=kept)
    venue.collect()
    participants = fold(venue.events).participants
    assert participants[merged].merged_into == kept
    assert participants[kept].merged_into is None
    assert participants.canonical(merged) == participants.canonical(kept) == kept
    assert participants.has_merges and participants.unmerged == 5
    assert [p.id for p in participants.search("tøyen")] == [kept]  # the picker shows one


def test_walk_ins_ruled_to_be_different_stay_two(venue):
    one = walk_in_at_a_deal(venue, venue.kiosk1, "Ola Nordmann AS")
    other = walk_in_at_a_deal(venue, venue.kiosk2, "Ola Nordmann AS")
    venue.hub.resolve_walk_ins([one, other], keep="")
    venue.collect()
    participants = fold(venue.events).participants
    assert participants.canonical(one) == one and participants.canonical(other) == other
    assert not participants.has_merges and participants.unmerged == 6
    assert len(participants.search("Ola Nordmann")) == 2


def test_the_latest_ruling_decides_whatever_order_the_rulings_arrive_in(venue):
    one = walk_in_at_a_deal(venue, venue.kiosk1, "Bakeriet")
    other = walk_in_at_a_deal(venue, venue.kiosk2, "Bakeriet")
    venue.hub.resolve_walk_ins([one, other], keep=one)
    venue.hub.resolve_walk_ins([one, other], keep=other)  # the organiser changed their mind
    venue.collect()
    *before, first, second = venue.events
    for events in (venue.events, [*before, second, first]):
        participants = fold(events).participants
        assert participants.canonical(one) == other
        assert participants[one].merged_into == other
        assert participants[other].merged_into is None


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("sag", ["Sagene IF", "Bydel Sagene", "Røde Kors Sagene"]),  # the name first, then a word
        ("SAGENE", ["Sagene IF", "Bydel Sagene", "Røde Kors Sagene"]),
        ("røde", ["Røde Kors Sagene"]),
        ("rør", ["Rørleggeren AS"]),
        ("legger", ["Rørleggeren AS"]),  # inside a word comes after
        ("e", ["Bydel Sagene", "Røde Kors Sagene", "Rørleggeren AS", "Sagene IF"]),
        ("  ", []),
        ("kommune", []),
    ],
)
def test_type_ahead_search(venue, query, names):
    found = [p.name for p in fold(venue.events).participants.search(query)]
    assert found == names


def test_type_ahead_puts_word_starts_before_matches_inside_words(venue):
    evening = fold(venue.events)
    assert [p.name for p in evening.participants.search("s")] == [
        "Sagene IF",
        "Bydel Sagene",
        "Røde Kors Sagene",
        "Rørleggeren AS",
    ]
    assert len(evening.participants.search("e", limit=2)) == 2
