"""The hour on stage as the hub folds it: gongs, late deals, records, pace, the sector matrix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bors.demo import seed
from hub.service import Hub
from hub.stage import service as stage_actions
from shared.core.checks import ValidationFailed
from shared.stage.board import board as board_figures
from shared.stage.board import matrix, ticker
from shared.stage.projection import PHASE_AFTER, PHASE_BEFORE, PHASE_DURING
from shared.stage.talking_points import talking_points


@pytest.fixture
def hub(tmp_path: Path):
    seed(tmp_path / "hub")
    h = Hub(tmp_path / "hub")
    yield h
    h.close()


def by_name(h: Hub, name: str) -> str:
    return next(p.id for p in h.evening.participants.values() if p.name == name)


def by_sector(h: Hub, sector: str, index: int = 0) -> str:
    ids = sorted(p.id for p in h.evening.participants.values() if p.sector == sector)
    return ids[index]


def register(h: Hub, a: str, b: str, category: str = "premises") -> str:
    deal = {
        "parties": [
            {"participant_id": a, "gives": "Lokale"},
            {"participant_id": b, "gives": "Kurs"},
        ],
        "category": category,
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }
    return h.register_deal(deal)


def test_the_gongs_move_the_evening_from_before_to_during_to_after(hub):
    assert hub.evening.stage.phase == PHASE_BEFORE
    stage_actions.open_hour(hub)
    assert hub.evening.stage.phase == PHASE_DURING
    assert hub.evening.stage.opened_at is not None
    stage_actions.close_hour(hub)
    assert hub.evening.stage.phase == PHASE_AFTER
    assert hub.evening.stage.closed_at >= hub.evening.stage.opened_at


def test_deals_stored_after_the_closing_gong_are_kept_and_marked_late(hub):
    a, b, c = (by_sector(hub, s) for s in ("business", "voluntary", "public"))
    stage_actions.open_hour(hub)
    in_time = register(hub, a, b)
    stage_actions.close_hour(hub)
    late = register(hub, b, c)

    assert hub.evening.stage.is_late(hub.evening.deals[late])
    assert not hub.evening.stage.is_late(hub.evening.deals[in_time])
    board = board_figures(hub.evening.stage, dt.datetime.now().astimezone())
    assert (board["count"], board["late"]) == (1, 1)
    assert len(hub.evening.deals.counted_deals()) == 2  # late is not lost


def test_reopening_the_hour_makes_new_deals_count_again(hub):
    a, b = by_sector(hub, "business"), by_sector(hub, "public")
    stage_actions.open_hour(hub)
    stage_actions.close_hour(hub)
    stage_actions.open_hour(hub)
    deal = register(hub, a, b)
    assert not hub.evening.stage.is_late(hub.evening.deals[deal])


def test_late_is_decided_by_the_hubs_log_and_survives_a_restart(tmp_path):
    seed(tmp_path / "hub")
    first = Hub(tmp_path / "hub")
    a, b = by_sector(first, "business"), by_sector(first, "voluntary")
    stage_actions.open_hour(first)
    register(first, a, b)
    stage_actions.close_hour(first)
    late = register(first, b, a)
    first.close()

    again = Hub(tmp_path / "hub")
    try:
        assert again.evening.stage.phase == PHASE_AFTER
        assert [d.id for d in again.evening.stage.late_deals()] == [late]
        assert len(again.evening.stage.hour_deals()) == 1
    finally:
        again.close()


def test_the_closing_gong_keeps_the_evenings_figures_but_they_are_not_its_own_record(hub):
    a, b = by_sector(hub, "business"), by_sector(hub, "voluntary")
    stage_actions.open_hour(hub)
    register(hub, a, b)
    stage_actions.close_hour(hub)
    kept = hub.evening.stage.kept_figures()
    assert [(k.deals, k.participants) for k in kept] == [(1, len(hub.evening.participants))]
    assert hub.evening.stage.record() is None


@pytest.mark.parametrize(
    ("earlier", "record_deals", "to_record"),
    [
        ([], None, None),
        ([("Nordre Aker 2024", "2024-10-10", 84)], 84, 85),
        ([("Nordre Aker 2024", "2024-10-10", 84), ("Nordre Aker 2025", "2025-10-09", 95)], 95, 96),
    ],
)
def test_the_record_is_the_best_earlier_evening(hub, earlier, record_deals, to_record):
    for name, date, deals in earlier:
        stage_actions.record_earlier_evening(
            hub, {"name": name, "date": date, "deals": str(deals), "participants": "80"}
        )
    board = board_figures(hub.evening.stage, dt.datetime.now().astimezone())
    assert (board["record"].deals if board["record"] else None) == record_deals
    assert board["to_record"] == to_record


def test_an_earlier_evening_can_be_removed_again(hub):
    record_id = stage_actions.record_earlier_evening(hub, figures())
    stage_actions.remove_earlier_evening(hub, record_id)
    assert hub.evening.stage.record() is None


def figures(**changes: str) -> dict:
    return {
        "name": "Sagene 2022",
        "date": "2022-05-04",
        "deals": "51",
        "participants": "50",
    } | changes


@pytest.mark.parametrize(
    ("typed", "field", "code"),
    [
        (figures(name=""), "name", "required"),
        (figures(date="4.5.22"), "date", "invalid_date"),
        (figures(deals="fem"), "deals", "not_a_number"),
        (figures(deals="-1"), "deals", "out_of_range"),
        (figures(participants=""), "participants", "required"),
    ],
)
def test_typed_figures_are_checked_and_nothing_is_stored_when_wrong(hub, typed, field, code):
    version = hub.evening.version
    with pytest.raises(ValidationFailed) as failed:
        stage_actions.record_earlier_evening(hub, typed)
    assert failed.value.codes()[field] == code
    assert hub.evening.version == version


def test_pace_counts_deals_that_arrived_in_the_last_minutes_on_the_hubs_clock(hub):
    a, b, c = (by_sector(hub, s) for s in ("business", "voluntary", "public"))
    register(hub, a, b)
    register(hub, b, c)
    now = dt.datetime.now().astimezone()
    assert hub.evening.stage.pace(now) == 2
    assert hub.evening.stage.pace(now + dt.timedelta(minutes=11)) == 0


def test_the_sector_matrix_counts_each_pair_once_above_the_diagonal(hub):
    business, voluntary, public = (by_sector(hub, s) for s in ("business", "voluntary", "public"))
    other_voluntary = by_sector(hub, "voluntary", 1)
    register(hub, business, voluntary)
    register(hub, voluntary, business)
    register(hub, voluntary, other_voluntary)
    register(hub, public, voluntary)
    table = matrix(hub.evening.stage, hub.evening.stage.hour_deals())
    # rows and columns: business, voluntary, public
    assert table == [[0, 2, 0], [None, 1, 1], [None, None, 0]]


def test_the_ticker_names_only_parties_who_agreed_to_be_shown(hub):
    shown = next(p for p in hub.evening.participants.values() if p.consent_public)
    hidden = next(p for p in hub.evening.participants.values() if not p.consent_public)
    register(hub, shown.id, hidden.id, "equipment")
    [line] = ticker(hub.evening.stage)
    assert line["parties"] == [
        {"name": shown.name, "sector": shown.sector},
        {"name": None, "sector": hidden.sector},
    ]
    assert line["category"] == "equipment"


def test_moving_the_closing_time_moves_the_countdown(hub):
    before = hub.evening.stage.closes_at()
    stage_actions.move_closing_time(hub, "23:58")
    assert hub.evening.stage.closes_at().strftime("%H:%M") == "23:58"
    assert hub.evening.stage.closes_at().date() == before.date()
    with pytest.raises(ValidationFailed):
        stage_actions.move_closing_time(hub, "25:00")


def test_stage_events_from_a_kiosk_journal_are_ignored(hub, tmp_path):
    from shared.core.store import JournalStore

    kiosk_store = JournalStore(tmp_path / "kiosk.sqlite")
    try:
        journal = kiosk_store.open_journal(
            "00000000-0000-4000-8000-000000000001", "kiosk", "Nettbrett"
        )
        journal.open_hour()
        kiosk_store.save(journal)
        for notification in kiosk_store.read_all(0):
            event = kiosk_store.mapper.to_domain_event(notification)
            hub.evening.apply(event, position=10_000 + notification.id)
    finally:
        kiosk_store.close()
    assert hub.evening.stage.phase == PHASE_BEFORE


def test_talking_points_pair_an_offer_with_a_need_in_the_same_category(hub):
    points = talking_points(hub.evening.participants, hub.evening.deals)
    assert points
    for point in points:
        giver = hub.evening.participants[point.giver]
        taker = hub.evening.participants[point.taker]
        assert point.giver != point.taker
        assert {"category": point.category, "text": point.offer} in giver.offers
        assert {"category": point.category, "text": point.need} in taker.needs


def test_a_pair_that_already_made_a_deal_is_no_longer_a_talking_point(hub):
    first = talking_points(hub.evening.participants, hub.evening.deals)[0]
    register(hub, first.giver, first.taker, first.category)
    pairs = {
        (p.giver, p.taker) for p in talking_points(hub.evening.participants, hub.evening.deals)
    }
    assert (first.giver, first.taker) not in pairs


def test_a_new_evening_on_the_same_hub_starts_before_opening_with_the_last_as_its_record(hub):
    a, b = by_sector(hub, "business"), by_sector(hub, "voluntary")
    stage_actions.open_hour(hub)
    register(hub, a, b)
    stage_actions.close_hour(hub)
    hub.schedule_evening({**hub.evening.settings, "target": 120})  # same evening, new target
    assert hub.evening.stage.phase == PHASE_AFTER
    hub.schedule_evening(
        {**hub.evening.settings, "name": "Frivilligbørs 2027", "date": "2027-10-14"}
    )
    assert hub.evening.stage.phase == PHASE_BEFORE
    assert hub.evening.stage.record().deals == 1
