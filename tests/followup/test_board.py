"""The follow-up board: every change an event with its history, the card folded from the set
of events whatever their order, the filters, the page and ``GET /api/followup``."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from hub.followup import board, desk
from shared.core.checks import ValidationFailed
from shared.followup.projection import FollowUp

TODAY = dt.date.today()


def test_a_deal_starts_open_with_the_deadline_as_its_next_contact(evening, organiser):
    listed = organiser.get("/api/followup").get_json()
    assert len(listed["deals"]) == 3
    for deal in listed["deals"]:
        held = evening.hub.evening.deals[deal["id"]]
        assert deal["status"] == "open" and deal["last_contact"] is None
        assert deal["next_contact"] == held.deadline and deal["next_is_deadline"]
    assert listed["counts"]["open"] == 3


def test_every_change_is_an_event_and_its_history_is_kept(evening, organiser):
    hub, deal = evening.hub, evening.deals["bake"]
    before = hub.store.head()
    desk.change(hub, deal, {"status": "in_progress", "last_contact": TODAY.isoformat()})
    desk.change(hub, deal, {"notes": "Ringte Berit, boller klare til cupen"})
    desk.change(hub, deal, {"status": "not_feasible", "reason": "Cupen ble avlyst"})
    assert hub.store.head() == before + 3
    card = hub.evening.followup.card(deal)
    assert (card.status, card.reason, card.revision) == ("not_feasible", "Cupen ble avlyst", 3)
    assert "Berit" not in card.notes  # sealed in the journal
    assert desk.notes_of(hub).open(card.notes) == "Ringte Berit, boller klare til cupen"
    assert [s.changes.get("status") for s in card.history] == ["in_progress", None, "not_feasible"]
    page = organiser.get(f"/followup/{deal}").get_data(as_text=True)
    history = page[page.index('data-testid="history"') :]
    assert "Cupen ble avlyst" in history and "Ringte Berit" in history
    assert history.index("Ikke gjennomførbar") < history.index("Underveis")  # newest first
    as_it_stood = hub.evening.followup.card(deal, upto=1)
    assert as_it_stood.status == "in_progress" and as_it_stood.reason == ""


def test_not_feasible_needs_a_reason_and_bad_input_stores_nothing(evening, organiser):
    hub, deal = evening.hub, evening.deals["bake"]
    before = hub.store.head()
    with pytest.raises(ValidationFailed) as refused:
        desk.change(hub, deal, {"status": "not_feasible"})
    assert refused.value.codes() == {"reason": "reason_required"}
    answer = organiser.post(
        f"/followup/{deal}",
        data={"status": "bogus", "next_contact": "2027-13-45", "reason": "", "notes": ""},
    )
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "Velg en status fra lista." in page and 'aria-invalid="true"' in page
    assert organiser.get("/followup/not-a-deal").status_code == 404
    assert hub.store.head() == before


def test_the_form_saves_only_what_changed(evening, organiser):
    hub, deal = evening.hub, evening.deals["room"]
    form = {"status": "done", "reason": "", "last_contact": "", "next_contact": "", "notes": ""}
    answer = organiser.post(f"/followup/{deal}", data=form)
    assert answer.status_code == 303
    card = hub.evening.followup.card(deal)
    assert card.status == "done" and card.history[-1].changes == {"status": "done"}
    head = hub.store.head()
    assert organiser.post(f"/followup/{deal}", data=form).status_code == 303
    assert hub.store.head() == head  # the same again records nothing


def test_the_card_depends_only_on_the_set_of_events(evening):
    hub, deal = evening.hub, evening.deals["bake"]
    for change in (
        {"status": "in_progress"},
        {"next_contact": (TODAY + dt.timedelta(days=3)).isoformat()},
        {"status": "done", "last_contact": TODAY.isoformat()},
    ):
        desk.change(hub, deal, change)
    hub.record("mark_story", deal, {"text": "Boller!", "consents": []}, [])
    events = [
        hub.store.mapper.to_domain_event(n)
        for n in hub.store.read_all(0)
        if n.topic.endswith(("FollowUpRecorded", "SuccessStoryMarked"))
    ]
    expected = hub.evening.followup.card(deal)
    for seed in range(5):
        shuffled = events * 2
        random.Random(seed).shuffle(shuffled)
        fold = FollowUp()
        for ev in shuffled:
            fold.on_deal_event(ev, str(ev.originator_id), 0)
        card = fold.card(deal)
        assert (card.status, card.next_contact, card.story) == (
            expected.status,
            expected.next_contact,
            expected.story,
        )


def test_the_filters_due_this_week_overdue_status_and_sector(evening, organiser):
    hub = evening.hub
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    desk.change(hub, evening.deals["bake"], {"next_contact": yesterday})
    desk.change(hub, evening.deals["room"], {"next_contact": TODAY.isoformat()})
    desk.change(hub, evening.deals["walk"], {"status": "done"})

    def ids(query: str) -> set[str]:
        return {d["id"] for d in organiser.get("/api/followup" + query).get_json()["deals"]}

    assert ids("?view=overdue") == {evening.deals["bake"]}
    assert ids("?view=week") == {evening.deals["room"]}
    assert ids("?status=done") == {evening.deals["walk"]}
    assert ids("?sector=public") == {evening.deals["room"]}
    assert ids("?sector=business&status=open") == {evening.deals["bake"]}
    assert ids("?view=nonsense") == set(evening.deals.values())  # unknown filters: ignored
    page = organiser.get("/followup?view=overdue").get_data(as_text=True)
    assert len(re.findall(r'<tr class="overdue" data-deal=', page)) == 1


def test_a_passed_deadline_flags_the_deal_until_it_is_settled(evening):
    hub = evening.hub
    after = dt.date.fromisoformat(hub.evening.deals[evening.deals["bake"]].deadline)
    later = after + dt.timedelta(days=1)
    flagged = {r.id for r in board.rows(hub.evening, later) if r.flagged}
    assert flagged == {evening.deals["bake"], evening.deals["walk"]}
    desk.change(hub, evening.deals["walk"], {"status": "not_reached"})
    flagged = {r.id for r in board.rows(hub.evening, later) if r.flagged}
    assert flagged == {evening.deals["bake"]}


def test_the_board_needs_the_organiser(app):
    guest = app.test_client()
    assert guest.get("/followup").status_code in (302, 303, 401)
    assert guest.get("/api/followup").status_code in (401, 403)


def test_the_board_shows_each_change_at_once_though_it_keeps_its_rows(evening, organiser):
    from hub.participants import register
    from tests.followup.conftest import PEOPLE

    assert "Kvernbakken Bakeri AS" in organiser.get("/followup").get_data(as_text=True)
    register.change(
        evening.hub,
        evening.ids["bakeri"],
        {**PEOPLE["bakeri"], "name": "Kvernbakken Bakeri og Kafé AS"},
        by="organiser",
    )
    desk.change(evening.hub, evening.deals["room"], {"status": "done"})
    page = organiser.get("/followup").get_data(as_text=True)
    assert "Kvernbakken Bakeri og Kafé AS" in page
    room = page[page.index(f'data-deal="{evening.deals["room"]}"') :]
    assert room.startswith(f'data-deal="{evening.deals["room"]}" data-status="done"')
    english = organiser.get("/followup?lang=en").get_data(as_text=True)
    assert "Done" in english and "Gjennomført</span>" not in english
