"""What the organiser must look at (shared.conflicts.projection.Conflicts), kept as deals change.

Journals are driven through their real command methods (:class:`tests.support.journals.Venue`)
and their events folded: diverged versions, a void against an edit, a likely double
registration and the same walk-in on two tablets are listed, each once, until a ruling settles
them; what only looks alike from one tablet and one broker is not.
"""

from __future__ import annotations

from tests.support.journals import Venue, fold


def listed(venue: Venue) -> list[dict]:
    conflicts = fold(venue.events).conflicts
    found = conflicts.all()
    assert conflicts.count() == len(found)
    return found


def walk_in_deal(venue: Venue, journal, name: str) -> tuple[str, str]:
    deal = venue.deal("Sagene IF", "Bydel Sagene")
    deal["parties"][1] = {"walk_in": {"name": name, "sector": "business"}, "gives": "Kaffe"}
    deal_id, _, added = journal.register_deal(deal, venue.known)
    venue.collect()
    return deal_id, added[0]


def test_an_evening_without_trouble_lists_nothing(venue):
    venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    venue.register(venue.kiosk2, "Rørleggeren AS", "Røde Kors Sagene")
    assert listed(venue) == []


def test_two_tablets_changing_the_same_version_are_listed_with_both_versions(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    one = venue.correct(venue.kiosk1, deal_id, root, "Sagene IF", "Bydel Sagene", kind="gift")
    two = venue.correct(venue.kiosk2, deal_id, root, "Sagene IF", "Bydel Sagene", kind="intent")
    [conflict] = listed(venue)
    assert (conflict["key"], conflict["kind"]) == (f"deal:{deal_id}", "versions")
    assert conflict["deal_ids"] == [deal_id] and set(conflict["versions"]) == {one, two}


def test_a_void_against_an_edit_is_listed_as_such(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    venue.correct(venue.kiosk1, deal_id, root, "Sagene IF", "Bydel Sagene", kind="gift")
    venue.void(venue.kiosk2, deal_id, root, reason="Feil")
    [conflict] = listed(venue)
    assert (conflict["kind"], conflict["deal_ids"]) == ("void_vs_edit", [deal_id])


def test_the_same_handshake_from_two_tablets_is_a_likely_double_until_ruled(venue):
    first = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    second = venue.register(venue.kiosk2, "Bydel Sagene", "Sagene IF")  # parties swapped
    venue.register(venue.kiosk2, "Sagene IF", "Bydel Sagene", category="culture")
    [double] = listed(venue)
    assert double["kind"] == "double_registration"
    assert double["deal_ids"] == sorted([first, second])
    assert double["key"] == "double:" + "+".join(sorted([first, second]))

    venue.hub.resolve_duplicates([first, second], keep=[first, second])  # two deals after all
    venue.collect()
    assert listed(venue) == []


def test_one_broker_on_one_tablet_registering_a_pair_twice_is_no_double(venue):
    venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")  # two deals the pair made
    assert listed(venue) == []


def test_the_same_walk_in_on_two_tablets_is_listed_until_merged(venue):
    d1, one = walk_in_deal(venue, venue.kiosk1, "Tøyen Kafé")
    d2, other = walk_in_deal(venue, venue.kiosk2, "tøyen  kafé")
    twins = [c for c in listed(venue) if c["kind"] == "walk_in"]
    assert [sorted(c["participant_ids"]) for c in twins] == [sorted([one, other])]
    assert set(twins[0]["deal_ids"]) == {d1, d2}

    venue.hub.resolve_walk_ins([one, other], keep=one)
    venue.collect()
    assert [c for c in listed(venue) if c["kind"] == "walk_in"] == []


def test_a_walk_in_added_twice_on_one_tablet_is_not_listed(venue):
    walk_in_deal(venue, venue.kiosk1, "Tøyen Kafé")
    walk_in_deal(venue, venue.kiosk1, "Tøyen Kafé")
    assert [c for c in listed(venue) if c["kind"] == "walk_in"] == []


def test_conflicts_are_listed_oldest_first_as_fresh_copies(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    venue.correct(venue.kiosk1, deal_id, root, "Sagene IF", "Bydel Sagene", kind="gift")
    venue.correct(venue.kiosk2, deal_id, root, "Sagene IF", "Bydel Sagene", kind="intent")
    venue.register(venue.kiosk1, "Rørleggeren AS", "Røde Kors Sagene")
    venue.register(venue.kiosk2, "Rørleggeren AS", "Røde Kors Sagene")
    conflicts = fold(venue.events).conflicts
    found = conflicts.all()
    assert [c["kind"] for c in found] == ["versions", "double_registration"]
    assert found[0]["since"] <= found[1]["since"]
    found[0]["kind"] = "changed by a caller"
    assert conflicts.all()[0]["kind"] == "versions"
