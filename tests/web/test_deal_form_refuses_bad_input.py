"""Promise 5 on the broker's pages: a wrong or hostile form gets a clear page, never a 500.

The deal form, the party picker and the suggestion list are posted to with whatever a broken
browser or a curious guest might send; each must answer 4xx (or 422 with the form and its
messages), keep what was typed, and store nothing.
"""

from __future__ import annotations

import pytest

from kiosk.service import Kiosk
from tests.support.deals import deal_form, ids
from tests.support.evenings import HOSTILE


def form(kiosk: Kiosk, **changes) -> dict:
    """The deal form with the hostile-named participant as the second party."""
    return deal_form(kiosk, partner=f"{HOSTILE} Lag", **{"deadline": "2027-03-01", **changes})


def stored(kiosk: Kiosk) -> int:
    return kiosk.journal.version


def test_a_good_form_saves_one_deal(broker, hostile_kiosk):
    before = stored(hostile_kiosk)
    answer = broker.post("/deals", data=form(hostile_kiosk), headers={"HX-Request": "true"})
    assert answer.status_code == 201
    assert "er lagret" in answer.get_data(as_text=True)
    assert stored(hostile_kiosk) == before + 1


BAD_FORMS = [
    ("nothing at all", lambda k: {}, "Velg en kategori."),
    (
        "unknown participant id",
        lambda k: form(k, p1_id="00000000-0000-4000-8000-000000000000"),
        "Finner ikke denne deltakeren.",
    ),
    (
        "participant id that is markup",
        lambda k: form(k, p1_id=HOSTILE),
        "Finner ikke denne deltakeren.",
    ),
    (
        "the same participant twice",
        lambda k: form(k, p1_id=ids(k)["Sagene IF"]),
        "Samme deltaker er valgt to ganger.",
    ),
    (
        "walk-in without name or sector",
        lambda k: form(k, p1_mode="walk_in", p1_id=None, p1_walkin_name=""),
        "Velg en sektor.",
    ),
    ("unknown category", lambda k: form(k, category="money"), "Velg en kategori."),
    ("unknown kind", lambda k: form(k, kind="swap"), "Velg type avtale."),
    ("deadline not a date", lambda k: form(k, deadline="neste fredag"), "Ugyldig dato."),
    ("gives far too long", lambda k: form(k, p0_gives="x" * 5000), "For lang tekst."),
]


@pytest.mark.parametrize(
    ("build", "message"), [row[1:] for row in BAD_FORMS], ids=[row[0] for row in BAD_FORMS]
)
def test_a_bad_form_answers_422_with_its_messages_and_stores_nothing(
    broker, hostile_kiosk, build, message
):
    before = stored(hostile_kiosk)
    data = build(hostile_kiosk)
    answer = broker.post("/deals", data=data, headers={"HX-Request": "true"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422, html[:500]
    assert 'data-testid="form-error"' in html
    assert message in html
    assert HOSTILE not in html  # typed or stored markup comes back escaped
    assert stored(hostile_kiosk) == before
    for field in ("p0_gives", "deadline", "broker"):  # what was typed is still in the form
        if data.get(field) and len(data[field]) < 100:
            assert f'value="{data[field]}"' in html


# Fields a browser never sends wrong by itself: the server falls back to the two parties on
# the form rather than failing, and the deal is the one the broker saw.
ODD_BUT_HARMLESS = [
    ("party count not a number", {"party_count": "mange"}),
    ("party count huge", {"party_count": "100000"}),
    ("party count negative", {"party_count": "-3"}),
    ("unknown picker mode", {"p0_mode": "teleport"}),
]


@pytest.mark.parametrize(
    "changes", [row[1] for row in ODD_BUT_HARMLESS], ids=[row[0] for row in ODD_BUT_HARMLESS]
)
def test_odd_form_fields_fall_back_to_the_parties_shown(broker, hostile_kiosk, changes):
    before = stored(hostile_kiosk)
    answer = broker.post(
        "/deals", data=form(hostile_kiosk, **changes), headers={"HX-Request": "true"}
    )
    assert answer.status_code in (201, 422)
    assert "Traceback" not in answer.get_data(as_text=True)
    if answer.status_code == 201:
        [deal] = hostile_kiosk.my_deals()
        assert [p["gives"] for p in deal.parties] == ["Lokale", "Kurs"]
        assert stored(hostile_kiosk) == before + 1
    else:
        assert stored(hostile_kiosk) == before


def test_a_form_with_errors_keeps_the_chosen_parties_and_the_walk_in(broker, hostile_kiosk):
    data = form(
        hostile_kiosk, p1_mode="walk_in", p1_id=None, p1_walkin_name="Bakeriet", category=""
    )
    answer = broker.post("/deals", data=data, headers={"HX-Request": "true"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert 'data-testid="chosen-0"' in html and "Sagene IF" in html
    assert 'value="Bakeriet"' in html and "Velg en sektor." in html


def test_without_htmx_the_form_answers_a_whole_page(broker, hostile_kiosk):
    answer = broker.post("/deals", data=form(hostile_kiosk, kind=""))
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "Velg type avtale." in html


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/deal/party?slot=abc", 400),
        ("/deal/party?slot=0&id=00000000-0000-4000-8000-000000000000", 404),
        ("/deal/party?slot=0&id=" + HOSTILE, 404),
        ("/deal/slot?index=99", 400),
        ("/deal/slot?index=one", 400),
        ("/deal/slot?index=1", 400),
        ("/deals/not-a-deal/edit", 404),
        ("/deals/not-a-deal/void", 404),
    ],
)
def test_the_picker_refuses_nonsense_with_a_calm_page(broker, path, status):
    answer = broker.get(path)
    assert answer.status_code == status
    assert "Traceback" not in answer.get_data(as_text=True)


def test_a_party_slot_far_out_of_range_is_clamped(broker, hostile_kiosk):
    answer = broker.get(f"/deal/party?slot=999&id={ids(hostile_kiosk)['Sagene IF']}")
    assert answer.status_code == 200 and 'id="picker-5"' in answer.get_data(as_text=True)


def test_suggestions_escape_names_and_queries(broker):
    answer = broker.get("/participants/search?slot=0&q=script")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "&lt;script&gt;" in html and HOSTILE not in html
    nothing = broker.get(f"/participants/search?slot=0&q={HOSTILE}x")
    assert nothing.status_code == 200 and HOSTILE not in nothing.get_data(as_text=True)


def test_void_and_correction_forms_refuse_bad_input_and_keep_the_deal(broker, hostile_kiosk):
    broker.post("/deals", data=form(hostile_kiosk), headers={"HX-Request": "true"})
    [deal] = hostile_kiosk.my_deals()
    before = stored(hostile_kiosk)
    too_long = broker.post(f"/deals/{deal.id}/void", data={"reason": "x" * 400})
    assert too_long.status_code == 422 and "For lang tekst." in too_long.get_data(as_text=True)
    wrong = broker.post(f"/deals/{deal.id}", data=form(hostile_kiosk, kind="swap"))
    assert wrong.status_code == 422 and "Velg type avtale." in wrong.get_data(as_text=True)
    assert stored(hostile_kiosk) == before
    assert not hostile_kiosk.deal(deal.id).voided and hostile_kiosk.deal(deal.id).kind == "mutual"
