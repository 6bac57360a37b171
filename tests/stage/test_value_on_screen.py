"""The social value on the stage screen (issue 16 item 2): off until the organiser switches it on
at the stage controls, then the report's total in kroner, in the screen's language, on the board
and in ``/api/stats``. The figure is checked against a sum made here from the raw events."""

from __future__ import annotations

import pytest

import hub as hub_web
from tests.reports.conftest import build_report_evening
from tests.support.auth import ensure_password, login_test_client
from tests.support.social_value import value_from_raw_events


@pytest.fixture
def evening(hub):
    ensure_password(hub.data_dir)
    return build_report_evening(hub)


@pytest.fixture
def clients(evening):
    app = hub_web.create_app(evening.hub, {"TESTING": True})
    organiser = login_test_client(app.test_client(), evening.hub.data_dir)
    yield organiser, app.test_client()
    app.extensions["mail"].close()


def shown(client, path: str) -> str:
    return client.get(path).get_data(as_text=True).replace("\xa0", " ")


def test_the_screen_shows_the_reports_value_only_when_switched_on(evening, clients):
    organiser, guest = clients
    hub = evening.hub
    hub.record("set_category_value", {"category": "culture", "kroner": 5000})
    hub.record("estimate_deal_value", evening.deals["bake"], {"kroner": 1_240_000})
    expected = value_from_raw_events(hub)
    assert expected == 1_240_000 + 2 * 5000  # the bake deal's estimate, two culture defaults

    # off by default: neither the screen nor the figures for screens say it
    assert not hub.evening.stage.screen.show_value
    assert 'data-testid="screen-value"' not in shown(guest, "/screen")
    assert guest.get("/api/stats").get_json()["value_on_screen"] is None
    assert 'name="show_value"' in shown(organiser, "/controls")

    assert organiser.post("/controls/screen", data={"show_value": "on"}).status_code == 303
    assert hub.evening.stage.screen.show_value
    assert "Verdi skapt: 1 250 000 kr" in shown(guest, "/screen")
    assert "Verdi skapt: 1 250 000 kr" in shown(guest, "/screen/live?v=x")
    assert "Value created: NOK1,250,000" in shown(guest, "/screen?lang=en")
    assert guest.get("/api/stats").get_json()["value_on_screen"] == expected
    assert organiser.get("/api/report").get_json()["value"]["total"] == expected

    # a new estimate moves the running total on the screen at once
    hub.record("estimate_deal_value", evening.deals["extra"], {"kroner": 250_000})
    assert "Verdi skapt: 1 495 000 kr" in shown(guest, "/screen/live?v=y")
    assert guest.get("/api/stats").get_json()["value_on_screen"] == value_from_raw_events(hub)

    # switched off again (the checkbox left empty): gone from the screen and the figures
    assert organiser.post("/controls/screen", data={}).status_code == 303
    assert "Verdi skapt" not in shown(guest, "/screen/live?v=z")
    assert guest.get("/api/stats").get_json()["value_on_screen"] is None


def test_a_screen_setting_stored_before_the_switch_reads_as_off(hub):
    """Version 1 of ``ScreenConfigured`` had no ``show_value``: upcast with the switch off."""
    from shared.stage.events import ScreenConfigured

    state = {"message": "", "show_ticker": True, "language": "nb", "public_url": ""}
    ScreenConfigured.upcast_v1_v2(state)
    assert state["show_value"] is False
    assert ScreenConfigured.class_version == 2 and ScreenConfigured.min_reader_version == 1
