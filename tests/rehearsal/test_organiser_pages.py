"""The organiser's rehearsal page: each action asked first, refusals a calm form message (never
a 500, nothing stored), the state in GET /api/rehearsal, and the pages deny a visitor."""

from __future__ import annotations

import pytest

import hub as hub_web
from hub.stage import service as stage
from tests.support.auth import ensure_password, login_test_client


@pytest.fixture
def clients(hub):
    ensure_password(hub.data_dir)
    app = hub_web.create_app(hub, {"TESTING": True})
    yield login_test_client(app.test_client(), hub.data_dir), app.test_client()
    app.extensions["mail"].close()


def test_start_asks_first_then_runs_and_the_screen_says_so(clients, hub):
    organiser, _ = clients
    asked = organiser.post("/rehearsal/start")
    assert asked.status_code == 200 and 'name="confirmed"' in asked.get_data(as_text=True)
    assert organiser.get("/api/rehearsal").get_json()["running"] is None
    assert organiser.post("/rehearsal/start", data={"confirmed": "yes"}).status_code == 303
    state = organiser.get("/api/rehearsal").get_json()
    assert state["running"] and state["to_wipe"] == state["running"]
    assert 'data-testid="practice-band"' in organiser.get("/screen").get_data(as_text=True)
    assert 'data-testid="rehearsal-running"' in organiser.get("/rehearsal").get_data(as_text=True)


def test_refusals_are_form_messages_and_store_nothing(clients, hub):
    organiser, _ = clients
    held = hub.journal.version
    wiped = organiser.post("/rehearsal/wipe", data={"confirmed": "yes"})
    assert wiped.status_code == 422
    assert 'data-testid="rehearsal-error"' in wiped.get_data(as_text=True)
    assert organiser.post("/rehearsal/end", data={"confirmed": "yes"}).status_code == 422
    stage.open_hour(hub)
    held = hub.journal.version
    late = organiser.post("/rehearsal/start", data={"confirmed": "yes"})
    assert late.status_code == 422 and hub.journal.version == held
    assert organiser.get("/api/rehearsal").get_json()["hour_opened"] is True


def test_a_visitor_gets_neither_the_page_nor_the_api(clients):
    _, visitor = clients
    assert visitor.get("/api/rehearsal").status_code in (401, 403)
    assert visitor.post("/rehearsal/wipe", data={"confirmed": "yes"}).status_code in (302, 401, 403)
