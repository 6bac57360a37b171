"""Names: one limit per field, the same everywhere and said on the form, never cut without a
word; and a second participant of the same name is not added without a question (issue 11,
item 5, the hub's and the form's side)."""

from __future__ import annotations

import re

from shared.participants.rules import MAX_NAME
from tests.kiosk.conftest import HTMX, deal_form


def test_a_walk_in_name_too_long_is_refused_with_the_limit_not_cut(tablet, kiosk):
    picker = tablet.get("/deal/party?slot=1&mode=walk_in").get_data(as_text=True)
    field = re.search(r'<input type="text" id="p1-walkin-name"[^>]*>', picker, re.S).group(0)
    assert "maxlength" not in field  # the browser does not cut a pasted name silently
    assert f"Høyst {MAX_NAME} tegn." in picker  # the form says the limit

    long_name = "Foreningen for " + "veldig " * 30 + "lange navn"
    answer = tablet.post(
        "/deals",
        data=deal_form(
            kiosk,
            p1_mode="walk_in",
            p1_id=None,
            p1_walkin_name=long_name,
            p1_walkin_sector="voluntary",
        ),
        headers=HTMX,
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert f"For lang tekst. Høyst {MAX_NAME} tegn." in html
    assert long_name in html  # kept as typed, to be shortened by the broker
    assert kiosk.my_deals() == []


def test_the_hub_asks_before_a_second_participant_of_the_same_name(organiser, sagene_hub):
    before = len(sagene_hub.evening.participants)
    page = organiser.get("/participants").get_data(as_text=True)
    assert f"Høyst {MAX_NAME} tegn." in page
    asked = organiser.post("/participants", data={"name": "sagene  IF", "sector": "voluntary"})
    html = asked.get_data(as_text=True)
    assert asked.status_code == 409 and 'data-testid="namesake"' in html
    assert "Sagene IF" in html and len(sagene_hub.evening.participants) == before
    added = organiser.post(
        "/participants",
        data={"name": "Sagene IF", "sector": "voluntary", "same_name_ok": "yes"},
    )
    assert added.status_code == 201 and len(sagene_hub.evening.participants) == before + 1


def test_every_text_field_of_the_form_says_its_limit_and_none_cuts(tablet, kiosk):
    from shared.deals.rules import MAX_BROKER, MAX_GIVES

    page = tablet.get("/").get_data(as_text=True)
    for field_id, limit in (("p0-gives", MAX_GIVES), ("broker", MAX_BROKER)):
        field = re.search(rf'<input type="text" id="{field_id}"[^>]*>', page, re.S).group(0)
        assert "maxlength" not in field and f"{limit} tegn" in field, field
    answer = tablet.post("/deals", data=deal_form(kiosk, p0_gives="x" * 600), headers=HTMX)
    assert f"For lang tekst. Høyst {MAX_GIVES} tegn." in answer.get_data(as_text=True)
