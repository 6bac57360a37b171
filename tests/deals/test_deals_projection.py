"""The deal list (shared.deals.projection.Deals): every deal once, its versions, its figures.

Journals are driven through their real command methods (:class:`tests.support.journals.Venue`)
and their events folded; what the deal list shows, and the counts it keeps as deals change,
must follow from the events alone.
"""

from __future__ import annotations

import uuid

from shared.core.device import device_tag, event_ref
from tests.support.journals import fold


def test_counts_by_sector_pair_and_category(venue):
    venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene", category="premises")
    venue.register(venue.kiosk1, "Sagene IF", "Røde Kors Sagene", category="volunteering")
    venue.register(venue.kiosk2, "Rørleggeren AS", "Sagene IF", category="equipment")
    venue.register(venue.kiosk2, "Bydel Sagene", "Røde Kors Sagene", category="premises")
    stats = fold(venue.events).stats()
    assert stats["deals"] == 4
    assert stats["participants"] == 4
    assert stats["by_sector_pair"] == {
        "public+voluntary": 2,
        "voluntary+voluntary": 1,
        "business+voluntary": 1,
    }
    assert stats["by_category"] == {"premises": 2, "volunteering": 1, "equipment": 1}
    assert stats["voided"] == 0 and stats["conflicts"] == 0


def test_deal_numbers_are_per_tablet_and_name_the_tablet(venue):
    first = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    second = venue.register(venue.kiosk1, "Sagene IF", "Rørleggeren AS")
    other = venue.register(venue.kiosk2, "Sagene IF", "Røde Kors Sagene")
    deals = fold(venue.events).deals
    tag1, tag2 = device_tag(venue.kiosk1.id), device_tag(venue.kiosk2.id)
    assert [deals[first].number, deals[second].number, deals[other].number] == [
        f"{tag1}-1",
        f"{tag1}-2",
        f"{tag2}-1",
    ]


def test_a_voided_deal_is_kept_but_not_counted(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    venue.register(venue.kiosk1, "Sagene IF", "Rørleggeren AS")
    base = fold(venue.events).deals[deal_id].revision
    venue.void(venue.kiosk1, deal_id, base, reason="Registrert to ganger")
    evening = fold(venue.events)
    assert evening.deals[deal_id].voided
    assert evening.deals[deal_id].void_reason == "Registrert to ganger"
    assert evening.stats()["deals"] == 1 and evening.stats()["voided"] == 1
    assert not evening.deals[deal_id].conflict


def test_a_correction_replaces_what_is_shown_and_keeps_the_history(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene", category="premises")
    root = fold(venue.events).deals[deal_id].revision
    fix = venue.correct(
        venue.kiosk1, deal_id, root, "Sagene IF", "Rørleggeren AS", category="equipment"
    )
    deal = fold(venue.events).deals[deal_id]
    assert deal.category == "equipment"
    assert deal.party_ids == [venue.people["Sagene IF"], venue.people["Rørleggeren AS"]]
    assert deal.corrected and not deal.conflict
    assert deal.revision == fix and deal.revisions == [root, fix]
    assert deal.number.endswith("-1")  # a correction keeps the deal's number


def test_a_chain_of_corrections_from_two_tablets_is_no_conflict(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    first = venue.correct(venue.kiosk2, deal_id, root, "Sagene IF", "Bydel Sagene", kind="intent")
    second = venue.correct(venue.kiosk1, deal_id, first, "Sagene IF", "Bydel Sagene", kind="gift")
    deal = fold(venue.events).deals[deal_id]
    assert deal.kind == "gift" and deal.revision == second and not deal.conflict


def test_two_tablets_correcting_the_same_revision_are_both_kept_and_flagged(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene", category="premises")
    root = fold(venue.events).deals[deal_id].revision
    one = venue.correct(
        venue.kiosk1, deal_id, root, "Sagene IF", "Bydel Sagene", category="culture"
    )
    two = venue.correct(
        venue.kiosk2, deal_id, root, "Sagene IF", "Bydel Sagene", category="expertise"
    )
    evening = fold(venue.events)
    deal = evening.deals[deal_id]
    assert deal.conflict
    assert set(deal.revisions) == {root, one, two}
    assert evening.stats()["conflicts"] == 1
    assert evening.stats()["deals"] == 1  # flagged, still one deal


def test_a_void_of_an_outdated_revision_is_flagged(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    venue.correct(venue.kiosk1, deal_id, root, "Sagene IF", "Bydel Sagene", kind="intent")
    venue.void(venue.kiosk2, deal_id, root, reason="Feil par")  # tablet 2 never saw the fix
    deal = fold(venue.events).deals[deal_id]
    assert deal.voided and deal.conflict


def test_a_correction_that_arrives_before_its_deal_waits_for_it(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    root = fold(venue.events).deals[deal_id].revision
    venue.correct(venue.kiosk2, deal_id, root, "Sagene IF", "Rørleggeren AS")
    registration, correction = venue.events[-2], venue.events[-1]
    evening = fold([e for e in venue.events if e not in (registration, correction)])
    evening.apply(correction)
    assert deal_id not in evening.deals
    evening.apply(registration)
    assert evening.deals[deal_id].party_ids[1] == venue.people["Rørleggeren AS"]


def test_the_figures_follow_a_deal_in_and_out_as_it_changes(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene", category="premises")
    deals = fold(venue.events).deals
    assert (deals.counted, deals.voided) == (1, 0)
    assert deals.by_category == {"premises": 1} and deals.by_pair == {"public+voluntary": 1}

    root = deals[deal_id].revision
    venue.correct(venue.kiosk1, deal_id, root, "Sagene IF", "Rørleggeren AS", category="culture")
    deals = fold(venue.events).deals
    assert deals.by_category == {"culture": 1} and deals.by_pair == {"business+voluntary": 1}

    venue.void(venue.kiosk1, deal_id, deals[deal_id].revision, reason="Avlyst")
    deals = fold(venue.events).deals
    assert (deals.counted, deals.voided) == (0, 1)
    assert deals.by_category == {} and deals.by_pair == {}
    assert deals.counted_deals() == [] and deal_id in deals


def test_a_deal_with_a_party_not_yet_known_counts_under_its_sectors_once_they_arrive(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    bydel = next(ev for ev in venue.events if getattr(ev, "name", "") == "Bydel Sagene")
    early = fold([ev for ev in venue.events if ev is not bydel])  # the hub's sign-up is late
    assert early.deals.sector_pair(early.deals[deal_id]) == "unknown+voluntary"
    assert early.deals.by_pair == {"unknown+voluntary": 1}

    early.apply(bydel)
    assert early.deals.sector_pair(early.deals[deal_id]) == "public+voluntary"
    assert early.deals.by_pair == {"public+voluntary": 1}


def test_each_version_of_a_deal_can_be_shown_by_its_ref(venue):
    deal_id = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    registered = event_ref(venue.events[-1])
    venue.void(venue.kiosk2, deal_id, registered, reason="Feil par")
    voided = event_ref(venue.events[-1])
    deals = fold(venue.events).deals

    shown = deals.version_of(registered)
    assert (shown["type"], shown["category"], shown["broker"]) == (
        "DealRegistered",
        "premises",
        "Kari",
    )
    assert [p["participant_id"] for p in shown["parties"]] == [
        venue.people["Sagene IF"],
        venue.people["Bydel Sagene"],
    ]
    assert shown["tag"] == device_tag(venue.kiosk1.id)
    void = deals.version_of(voided)
    assert (void["type"], void["reason"], void["base"]) == ("DealVoided", "Feil par", registered)
    assert deals.version_of(f"{uuid.uuid4()}/1") is None
    assert deals.version_of("not a ref") is None


def test_a_ruling_on_a_double_registration_voids_the_deals_not_kept(venue):
    first = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    second = venue.register(venue.kiosk2, "Bydel Sagene", "Sagene IF")
    venue.hub.resolve_duplicates([first, second], keep=[first])
    venue.collect()
    deals = fold(venue.events).deals
    assert not deals[first].voided
    assert deals[second].voided and deals[second].void_reason == "duplicate"
    assert (deals.counted, deals.voided) == (1, 1)


def test_a_deal_naming_a_merged_walk_in_names_the_participant_kept(venue):
    walk_in = {"walk_in": {"name": "Bakeriet", "sector": "business"}, "gives": "Kaffe"}
    deals_and_walk_ins = []
    for journal in (venue.kiosk1, venue.kiosk2):
        deal = venue.deal("Sagene IF", "Bydel Sagene")
        deal["parties"][1] = walk_in
        deal_id, _, added = journal.register_deal(deal, venue.known)
        deals_and_walk_ins.append((deal_id, added[0]))
    venue.collect()
    (first, kept), (second, merged) = deals_and_walk_ins
    venue.hub.resolve_walk_ins([kept, merged], keep=kept)
    venue.collect()
    deals = fold(venue.events).deals
    assert deals[first].party_ids[1] == deals[second].party_ids[1] == kept
    assert deals.by_pair == {"business+voluntary": 2}
