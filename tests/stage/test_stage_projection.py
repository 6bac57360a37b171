"""The hour on stage (shared.stage.projection.Stage) as the hub folds it: the gongs, late
deals, the figures kept at the closing gong, records, pace, the closing time.

Most stories run on the demo evening's hub through its stage use cases (``hub.stage.service``);
the last ones fold the journals' events directly, in another order than they were stored.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hub.service import Hub
from hub.stage import service as stage_actions
from shared.core.checks import ValidationFailed
from shared.evening import Evening
from shared.stage.board import board as board_figures
from shared.stage.projection import PHASE_AFTER, PHASE_BEFORE, PHASE_DURING
from tests.support.deals import one_of, register
from tests.support.journals import fold


def test_the_gongs_move_the_evening_from_before_to_during_to_after(seeded_hub):
    assert seeded_hub.evening.stage.phase == PHASE_BEFORE
    stage_actions.open_hour(seeded_hub)
    assert seeded_hub.evening.stage.phase == PHASE_DURING
    assert seeded_hub.evening.stage.opened_at is not None
    stage_actions.close_hour(seeded_hub)
    assert seeded_hub.evening.stage.phase == PHASE_AFTER
    assert seeded_hub.evening.stage.closed_at >= seeded_hub.evening.stage.opened_at


def test_deals_stored_after_the_closing_gong_are_kept_and_marked_late(seeded_hub):
    a, b, c = (one_of(seeded_hub, s) for s in ("business", "voluntary", "public"))
    stage_actions.open_hour(seeded_hub)
    in_time = register(seeded_hub, a, b)
    stage_actions.close_hour(seeded_hub)
    late = register(seeded_hub, b, c)

    assert seeded_hub.evening.stage.is_late(seeded_hub.evening.deals[late])
    assert not seeded_hub.evening.stage.is_late(seeded_hub.evening.deals[in_time])
    board = board_figures(seeded_hub.evening.stage, dt.datetime.now().astimezone())
    assert (board["count"], board["late"]) == (1, 1)
    assert len(seeded_hub.evening.deals.counted_deals()) == 2  # late is not lost


def test_reopening_the_hour_makes_new_deals_count_again(seeded_hub):
    a, b = one_of(seeded_hub, "business"), one_of(seeded_hub, "public")
    stage_actions.open_hour(seeded_hub)
    stage_actions.close_hour(seeded_hub)
    stage_actions.open_hour(seeded_hub)
    deal = register(seeded_hub, a, b)
    assert not seeded_hub.evening.stage.is_late(seeded_hub.evening.deals[deal])


def test_late_is_decided_by_the_hubs_log_and_survives_a_restart(seeded_hub_dir):
    first = Hub(seeded_hub_dir)
    a, b = one_of(first, "business"), one_of(first, "voluntary")
    stage_actions.open_hour(first)
    register(first, a, b)
    stage_actions.close_hour(first)
    late = register(first, b, a)
    first.close()

    again = Hub(seeded_hub_dir)
    try:
        assert again.evening.stage.phase == PHASE_AFTER
        assert [d.id for d in again.evening.stage.late_deals()] == [late]
        assert len(again.evening.stage.hour_deals()) == 1
    finally:
        again.close()


def test_the_closing_gong_keeps_the_evenings_figures_but_they_are_not_its_own_record(seeded_hub):
    a, b = one_of(seeded_hub, "business"), one_of(seeded_hub, "voluntary")
    stage_actions.open_hour(seeded_hub)
    register(seeded_hub, a, b)
    stage_actions.close_hour(seeded_hub)
    kept = seeded_hub.evening.stage.kept_figures()
    assert [(k.deals, k.participants) for k in kept] == [(1, len(seeded_hub.evening.participants))]
    assert seeded_hub.evening.stage.record() is None


@pytest.mark.parametrize(
    ("earlier", "record_deals", "to_record"),
    [
        ([], None, None),
        ([("Nordre Aker 2024", "2024-10-10", 84)], 84, 85),
        ([("Nordre Aker 2024", "2024-10-10", 84), ("Nordre Aker 2025", "2025-10-09", 95)], 95, 96),
    ],
)
def test_the_record_is_the_best_earlier_evening(seeded_hub, earlier, record_deals, to_record):
    for name, date, deals in earlier:
        stage_actions.record_earlier_evening(
            seeded_hub, {"name": name, "date": date, "deals": str(deals), "participants": "80"}
        )
    board = board_figures(seeded_hub.evening.stage, dt.datetime.now().astimezone())
    assert (board["record"].deals if board["record"] else None) == record_deals
    assert board["to_record"] == to_record


def test_an_earlier_evening_can_be_removed_again(seeded_hub):
    record_id = stage_actions.record_earlier_evening(seeded_hub, figures())
    stage_actions.remove_earlier_evening(seeded_hub, record_id)
    assert seeded_hub.evening.stage.record() is None


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
def test_typed_figures_are_checked_and_nothing_is_stored_when_wrong(seeded_hub, typed, field, code):
    version = seeded_hub.evening.version
    with pytest.raises(ValidationFailed) as failed:
        stage_actions.record_earlier_evening(seeded_hub, typed)
    assert failed.value.codes()[field] == code
    assert seeded_hub.evening.version == version


def test_pace_counts_deals_that_arrived_in_the_last_minutes_on_the_hubs_clock(seeded_hub):
    a, b, c = (one_of(seeded_hub, s) for s in ("business", "voluntary", "public"))
    register(seeded_hub, a, b)
    register(seeded_hub, b, c)
    now = dt.datetime.now().astimezone()
    assert seeded_hub.evening.stage.pace(now) == 2
    assert seeded_hub.evening.stage.pace(now + dt.timedelta(minutes=11)) == 0


def test_moving_the_closing_time_moves_the_countdown(seeded_hub):
    before = seeded_hub.evening.stage.closes_at()
    stage_actions.move_closing_time(seeded_hub, "23:58")
    assert seeded_hub.evening.stage.closes_at().strftime("%H:%M") == "23:58"
    assert seeded_hub.evening.stage.closes_at().date() == before.date()
    with pytest.raises(ValidationFailed):
        stage_actions.move_closing_time(seeded_hub, "25:00")


def test_stage_events_from_a_kiosk_journal_are_ignored(seeded_hub, tmp_path):
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
            seeded_hub.evening.apply(event, position=10_000 + notification.id)
    finally:
        kiosk_store.close()
    assert seeded_hub.evening.stage.phase == PHASE_BEFORE


def test_a_new_evening_on_the_same_hub_starts_before_opening_with_the_last_as_its_record(
    seeded_hub,
):
    a, b = one_of(seeded_hub, "business"), one_of(seeded_hub, "voluntary")
    stage_actions.open_hour(seeded_hub)
    register(seeded_hub, a, b)
    stage_actions.close_hour(seeded_hub)
    seeded_hub.schedule_evening(
        {**seeded_hub.evening.settings, "target": 120}
    )  # same evening, new target
    assert seeded_hub.evening.stage.phase == PHASE_AFTER
    seeded_hub.schedule_evening(
        {**seeded_hub.evening.settings, "name": "Frivilligbørs 2027", "date": "2027-10-14"}
    )
    assert seeded_hub.evening.stage.phase == PHASE_BEFORE
    assert seeded_hub.evening.stage.record().deals == 1


# --- folded straight from the journals: the hub's log positions decide --------------------------


def fold_at_positions(events_with_positions) -> Evening:
    """Fold ``(position, event)`` pairs in the order given, each at its place in the hub's log."""
    evening = Evening()
    for position, ev in events_with_positions:
        evening.apply(ev, position)
    return evening


def orders_of(events: list) -> list[list[tuple]]:
    """The hub's log as stored, reversed and rotated; each device's opening still first (a
    node folds no device's event before it knows the device: ingest takes each in order)."""
    logged = list(enumerate(events, start=1))
    opened = [(p, ev) for p, ev in logged if ev.originator_version == 1]
    rest = [(p, ev) for p, ev in logged if ev.originator_version != 1]
    return [logged, opened + rest[::-1], opened + rest[-3:] + rest[:-3]]


def test_the_closing_gong_splits_the_deals_by_log_position_whatever_order_they_are_folded(venue):
    venue.hub.open_hour()
    venue.collect()
    in_time = venue.register(venue.kiosk1, "Sagene IF", "Bydel Sagene")
    venue.hub.close_hour({"name": "Sagene", "date": "2026-11-26", "deals": 1, "participants": 4})
    venue.collect()
    late = venue.register(venue.kiosk2, "Rørleggeren AS", "Røde Kors Sagene")
    for order in orders_of(venue.events):
        stage = fold_at_positions(order).stage
        assert stage.phase == PHASE_AFTER
        assert [d.id for d in stage.hour_deals()] == [in_time]
        assert [d.id for d in stage.late_deals()] == [late]
        assert (stage.hour_count(), stage.late_count()) == (1, 1)


def test_the_screen_shows_what_the_organiser_set_last_in_the_hubs_log(venue):
    venue.hub.configure_screen({"message": "Velkommen!", "show_ticker": True, "language": "nb"})
    venue.hub.configure_screen({"message": "5 minutter igjen!", "language": "en"})
    venue.collect()
    for order in orders_of(venue.events):
        screen = fold_at_positions(order).stage.screen
        assert (screen.message, screen.show_ticker, screen.language) == (
            "5 minutter igjen!",
            False,
            "en",
        )


def test_a_tablets_screen_settings_and_closing_time_are_not_the_stages(venue):
    venue.kiosk1.configure_screen({"message": "Hacket!", "show_ticker": False, "language": "en"})
    venue.kiosk1.move_closing_time("23:59")
    venue.collect()
    stage = fold(venue.events).stage
    assert (stage.screen.message, stage.screen.show_ticker) == ("", True)
    assert stage.closes_at().strftime("%H:%M") == "18:45"
