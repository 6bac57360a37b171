"""The organiser opens the sign-up: open, by invitation or closed; a deadline, a cap, the
retention date and purpose that the consent states in words (shown before it is saved)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.signup.conftest import field_errors

IN_A_MONTH = (dt.date.today() + dt.timedelta(days=30)).isoformat()
IN_A_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()
GOOD = {
    "mode": "open",
    "deadline": IN_A_MONTH,
    "cap": "120",
    "retention": IN_A_YEAR,
    "organiser": "Bydel Sagene",
    "contact": "personvern@bydel-sagene.example",
    "purpose": "å gjennomføre Frivilligbørs Sagene 2027",
}


def test_the_organiser_opens_the_sign_up(hub, organiser):
    answer = organiser.post("/participants/signup", data=GOOD)
    assert answer.status_code == 200
    settings = hub.evening.participants.signup_settings
    assert settings["mode"] == "open" and settings["cap"] == 120
    assert settings["deadline"] == IN_A_MONTH and settings["retention"] == IN_A_YEAR
    page = answer.get_data(as_text=True)
    assert 'data-testid="consent-preview"' in page and "Frivilligbørs Sagene 2027" in page
    public = organiser.get("/signup").get_data(as_text=True)
    assert "Frivilligbørs Sagene 2027" in public and 'name="consent"' in public


@pytest.mark.parametrize(
    ("wrong", "field"),
    [
        ({"mode": "sometimes"}, "mode"),
        ({"deadline": "neste uke"}, "deadline"),
        ({"retention": ""}, "retention"),
        ({"retention": IN_A_MONTH, "deadline": IN_A_YEAR}, "retention"),
        ({"cap": "-3"}, "cap"),
        ({"organiser": ""}, "organiser"),
        ({"contact": "ikke en adresse"}, "contact"),
    ],
)
def test_wrong_settings_are_refused_beside_their_field(hub, organiser, wrong, field):
    answer = organiser.post("/participants/signup", data={**GOOD, **wrong})
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert field in html and hub.evening.participants.signup_settings is None
    assert field_errors(html) or 'class="field-error"' in html


def test_before_any_settings_the_sign_up_is_closed(hub, hub_app):
    page = hub_app.test_client().get("/signup").get_data(as_text=True)
    assert 'data-testid="signup-closed"' in page
