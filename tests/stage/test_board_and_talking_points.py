"""The stage's board as the hub computes it from the fold: the sector matrix, the ticker, and
the MC's talking points (offers that meet needs, among pairs that have not made a deal yet)."""

from __future__ import annotations

from shared.stage.board import matrix, ticker
from shared.stage.talking_points import talking_points
from tests.support.deals import one_of, register


def test_the_sector_matrix_counts_each_pair_once_above_the_diagonal(seeded_hub):
    business, voluntary, public = (
        one_of(seeded_hub, s) for s in ("business", "voluntary", "public")
    )
    other_voluntary = one_of(seeded_hub, "voluntary", 1)
    register(seeded_hub, business, voluntary)
    register(seeded_hub, voluntary, business)
    register(seeded_hub, voluntary, other_voluntary)
    register(seeded_hub, public, voluntary)
    table = matrix(seeded_hub.evening.stage, seeded_hub.evening.stage.hour_deals())
    # rows and columns: business, voluntary, public
    assert table == [[0, 2, 0], [None, 1, 1], [None, None, 0]]


def test_the_ticker_names_only_parties_who_agreed_to_be_shown(seeded_hub):
    shown = next(p for p in seeded_hub.evening.participants.values() if p.consent_public)
    hidden = next(p for p in seeded_hub.evening.participants.values() if not p.consent_public)
    register(seeded_hub, shown.id, hidden.id, category="equipment")
    [line] = ticker(seeded_hub.evening.stage)
    assert line["parties"] == [
        {"name": shown.name, "sector": shown.sector},
        {"name": None, "sector": hidden.sector},
    ]
    assert line["category"] == "equipment"


def test_talking_points_pair_an_offer_with_a_need_in_the_same_category(seeded_hub):
    points = talking_points(seeded_hub.evening.participants, seeded_hub.evening.deals)
    assert points
    for point in points:
        giver = seeded_hub.evening.participants[point.giver]
        taker = seeded_hub.evening.participants[point.taker]
        assert point.giver != point.taker
        assert {"category": point.category, "text": point.offer} in giver.offers
        assert {"category": point.category, "text": point.need} in taker.needs


def test_a_pair_that_already_made_a_deal_is_no_longer_a_talking_point(seeded_hub):
    first = talking_points(seeded_hub.evening.participants, seeded_hub.evening.deals)[0]
    register(seeded_hub, first.giver, first.taker, category=first.category)
    pairs = {
        (p.giver, p.taker)
        for p in talking_points(seeded_hub.evening.participants, seeded_hub.evening.deals)
    }
    assert (first.giver, first.taker) not in pairs
