"""Saving, correcting and re-sending the deal form on a tablet (issue 11, items 1-4 and 6)."""

from __future__ import annotations

import datetime as dt

from hub.service import Hub
from hub.stage.service import close_hour, open_hour
from kiosk.service import Kiosk
from shared.deals.rules import validate_deal
from tests.kiosk.conftest import HTMX, deal_form, form_fields, ids
from tests.support.deals import deal_payload
from tests.support.sync import pull, sync


def saved_numbers(kiosk: Kiosk) -> list[str]:
    return [d.number for d in kiosk.my_deals()]


def test_a_form_sent_twice_saves_one_deal_and_both_answers_show_it(tablet, kiosk):
    key = form_fields(tablet.get("/").get_data(as_text=True))["form_key"]
    first = tablet.post("/deals", data=deal_form(kiosk, form_key=key), headers=HTMX)
    again = tablet.post("/deals", data=deal_form(kiosk, form_key=key), headers=HTMX)
    assert first.status_code == again.status_code == 201
    assert len(saved_numbers(kiosk)) == 1
    number = saved_numbers(kiosk)[0]
    for answer in (first, again):
        assert f"{number} er lagret" in answer.get_data(as_text=True)


def test_the_api_knows_a_repeated_idempotency_key(kiosk_client, kiosk):
    people = ids(kiosk)
    body = deal_payload(people["Sagene IF"], people["Bydel Sagene"])
    headers = {"Idempotency-Key": "retry-after-timeout-1"}
    first = kiosk_client.post("/api/deals", json=body, headers=headers)
    again = kiosk_client.post("/api/deals", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.get_json() == again.get_json()
    assert len(saved_numbers(kiosk)) == 1


def test_the_emptied_form_sent_after_a_save_keeps_the_tick(tablet, kiosk):
    saved = tablet.post("/deals", data=deal_form(kiosk), headers=HTMX).get_data(as_text=True)
    fresh = form_fields(saved)
    assert "saved_after" in fresh  # the fresh form knows which save it follows
    emptied = {
        "party_count": "2",
        "p0_mode": "search",
        "p0_id": "",
        "p1_mode": "search",
        "p1_id": "",
        "kind": "mutual",
        "deadline": "01.03.2027",
        "broker": "Kari",
        **fresh,
    }
    answer = tablet.post("/deals", data=emptied, headers=HTMX)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert 'data-testid="saved-notice"' in html and 'data-testid="form-error"' not in html
    assert saved_numbers(kiosk)[0] in html
    assert len(saved_numbers(kiosk)) == 1


def test_a_correction_answers_a_fragment_not_a_page_in_the_page(tablet, kiosk):
    tablet.post("/deals", data=deal_form(kiosk), headers=HTMX)
    deal = kiosk.my_deals()[0]
    answer = tablet.post(
        f"/deals/{deal.id}", data=deal_form(kiosk, p0_gives="Lokale og kaffe"), headers=HTMX
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "<html" not in html and "topbar" not in html and "sync-status" not in html
    assert html.count('id="deal-form"') == 1
    assert f"{deal.number} er endret" in html or deal.number in html
    assert answer.headers["HX-Push-Url"] == "/"
    assert kiosk.deal(deal.id).parties[0]["gives"] == "Lokale og kaffe"


def test_a_correction_that_changes_nothing_is_not_recorded(tablet, kiosk):
    tablet.post("/deals", data=deal_form(kiosk), headers=HTMX)
    deal = kiosk.my_deals()[0]
    before = kiosk.journal.version
    answer = tablet.post(f"/deals/{deal.id}", data=deal_form(kiosk), headers=HTMX)
    assert answer.status_code == 422
    assert "Ingenting er endret" in answer.get_data(as_text=True)
    assert kiosk.journal.version == before
    assert not kiosk.deal(deal.id).corrected


def test_a_deadline_in_the_past_is_refused_and_dates_read_day_first(tablet, kiosk):
    yesterday = (dt.date.today() - dt.timedelta(days=1)).strftime("%d.%m.%Y")
    answer = tablet.post("/deals", data=deal_form(kiosk, deadline=yesterday), headers=HTMX)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Fristen er allerede passert" in html
    assert 'aria-describedby="deadline-hint deadline-error"' in html
    assert saved_numbers(kiosk) == []

    tablet.post("/deals", data=deal_form(kiosk, deadline="1.3.2027"), headers=HTMX)
    assert kiosk.my_deals()[0].deadline == "2027-03-01"
    edit = tablet.get(f"/deals/{kiosk.my_deals()[0].id}/edit").get_data(as_text=True)
    assert 'value="01.03.2027"' in edit and 'type="date"' not in edit


def test_a_deadline_that_passed_since_may_stay_in_a_correction(kiosk):
    people = ids(kiosk)
    old = deal_payload(people["Sagene IF"], people["Bydel Sagene"], deadline="2026-01-01")
    changed = {**old, "kind": "gift"}
    assert validate_deal(changed, not_before=dt.date(2026, 6, 1), current=old)["kind"] == "gift"


def test_after_the_closing_gong_the_tablet_says_the_deal_is_kept_as_late(
    tablet, kiosk, sagene_hub: Hub
):
    open_hour(sagene_hub)
    close_hour(sagene_hub)
    pull(kiosk, sagene_hub)
    answer = tablet.post("/deals", data=deal_form(kiosk), headers=HTMX)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 201
    assert "Børsen er stengt" in html and "sen" in html
    sync(kiosk, sagene_hub)
    deal = sagene_hub.evening.deals[kiosk.my_deals()[0].id]
    assert sagene_hub.evening.stage.is_late(deal)


def test_the_list_shows_each_deal_as_it_now_stands(tablet, kiosk):
    """Rows are rendered once per state of their deal: a correction or a void shows at once."""
    tablet.post("/deals", data=deal_form(kiosk), headers=HTMX)
    deal = kiosk.my_deals()[0]
    row = f'data-deal="{deal.number}"'

    def row_of(html: str) -> str:
        return html[html.index(row) :].split("</li>")[0]

    assert "Endret" not in row_of(tablet.get("/deals/mine").get_data(as_text=True))
    tablet.post(f"/deals/{deal.id}", data=deal_form(kiosk, kind="gift"), headers=HTMX)
    assert "Endret" in row_of(tablet.get("/deals/mine").get_data(as_text=True))
    tablet.post(f"/deals/{deal.id}/void", data={"reason": "feil"})
    voided = row_of(tablet.get("/deals/mine").get_data(as_text=True))
    assert "Annullert" in voided and "/edit" not in voided
    english = row_of(tablet.get("/deals/mine?lang=en").get_data(as_text=True))
    assert "Voided" in english
