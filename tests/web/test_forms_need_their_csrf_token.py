"""Promise 6 on the forms: every form of the hub and the kiosk needs its session's CSRF token,
as a field or as htmx's header, and a post from a foreign origin is refused."""

from __future__ import annotations

from kiosk.service import Kiosk
from tests.support.auth import TEST_PASSWORD, csrf_token_in

HUB_FORMS = [
    ("/participants", {"name": "Ny deltaker", "sector": "business"}),
    ("/settings", {"name": "Endret", "venue": "X", "date": "2026-11-25"}),
    ("/pair", {}),
    ("/logout", {}),
]


def test_hub_forms_without_the_csrf_token_are_refused(evening_hub, organiser):
    organiser.environ_base.pop("HTTP_X_CSRF_TOKEN")
    before = len(evening_hub.evening.participants)
    for path, form in HUB_FORMS:
        answer = organiser.post(path, data=form)
        assert answer.status_code == 403, path
        wrong = organiser.post(path, data={**form, "csrf_token": "forged"})
        assert wrong.status_code == 403, path
    assert len(evening_hub.evening.participants) == before
    assert organiser.get("/api/deals").status_code == 200  # still logged in: no logout either


def test_hub_forms_with_the_token_pass_and_a_foreign_origin_does_not(evening_hub, organiser):
    token = organiser.environ_base.pop("HTTP_X_CSRF_TOKEN")
    form = {"name": "Ny deltaker", "sector": "business", "csrf_token": token}
    assert organiser.post("/participants", data=form).status_code in (200, 201, 302, 303)
    foreign = organiser.post("/participants", data=form, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    # htmx sends the token as a header (hx-headers on <body>), not as a field.
    htmx = {"X-CSRF-Token": token, "HX-Request": "true"}
    assert organiser.post("/pair", headers=htmx).status_code == 200


def test_the_login_form_itself_needs_the_token(evening_hub, hub_app):
    """Login CSRF: a foreign page must not log the laptop's browser into its own session."""
    answer = hub_app.test_client().post("/login", data={"password": TEST_PASSWORD})
    assert answer.status_code == 403


def kiosk_form(kiosk: Kiosk) -> dict:
    a, b = sorted(kiosk.evening.participants)
    return {
        "party-0": a,
        "gives-0": "Lokale",
        "party-1": b,
        "gives-1": "Kurs",
        "category": "premises",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }


def test_kiosk_forms_without_the_csrf_token_are_refused(evening_hub, kiosk, kiosk_client):
    page = kiosk_client.get("/").get_data(as_text=True)
    for path in ["/deals", "/pair", "/lock"]:
        assert kiosk_client.post(path, data=kiosk_form(kiosk)).status_code == 403, path
    assert kiosk.my_deals() == []
    token = csrf_token_in(page)
    answer = kiosk_client.post("/deals", data={**kiosk_form(kiosk), "csrf_token": token})
    assert answer.status_code != 403
