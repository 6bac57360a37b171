"""The stage's pages through the hub app: cheap polling answers, the organiser's controls, the
MC's view, the public count (nothing personal), earlier evenings."""

from __future__ import annotations

from pathlib import Path

import pytest

from bors.demo import seed
from hub import create_app
from hub.service import Hub
from hub.stage import service as stage_actions
from hub.stage.gong_sound import TARGET, wav_bytes
from hub.web import lan_address
from tests.support.auth import login_test_client
from tests.support.deals import deal_payload


@pytest.fixture
def hub(tmp_path: Path):
    seed(tmp_path / "hub")
    h = Hub(tmp_path / "hub")
    yield h
    h.close()


@pytest.fixture
def client(hub):
    return create_app(hub, {"TESTING": True}).test_client()


@pytest.fixture
def organiser(client, hub):
    return login_test_client(client, hub.data_dir)


def register(h: Hub, a: str, b: str) -> None:
    deal = deal_payload(a, b)
    h.register_deal(deal)


def two_ids(h: Hub) -> tuple[str, str]:
    ids = sorted(h.evening.participants)
    return ids[0], ids[1]


def test_an_unchanged_board_costs_a_204_and_a_changed_one_the_new_board(client, hub):
    first = client.get("/screen/live?v=nothing")
    assert first.status_code == 200
    key = first.get_data(as_text=True).split('data-key="')[1].split('"')[0]
    same = client.get(f"/screen/live?v={key}")
    assert same.status_code == 204 and same.get_data() == b""
    assert int(same.headers["X-Hub-Time"]) > 0
    register(hub, *two_ids(hub))
    changed = client.get(f"/screen/live?v={key}")
    assert changed.status_code == 200
    assert 'data-count="1"' in changed.get_data(as_text=True)


def test_the_doorbell_rings_with_the_key_and_holds_only_so_many_threads(hub):
    client = create_app(hub, {"TESTING": True, "SCREEN_STREAMS": 1}).test_client()
    first = client.get("/screen/events", buffered=False)
    assert first.status_code == 200 and first.mimetype == "text/event-stream"
    chunks = iter(first.response)
    assert next(chunks).startswith(b"retry:")
    key = next(chunks).decode().removeprefix("data: ").strip()
    assert client.get(f"/screen/live?v={key}").status_code == 204
    assert client.get("/screen/events").status_code == 503  # the one stream is taken
    first.close()  # the screen went away: its thread and its slot are free again
    second = client.get("/screen/events", buffered=False)
    assert second.status_code == 200
    second.close()


def test_the_screen_answers_even_before_an_evening_is_scheduled(tmp_path):
    h = Hub(tmp_path / "empty")
    try:
        page = create_app(h, {"TESTING": True}).test_client().get("/screen")
        assert page.status_code == 200
        assert "Arrangementet er ikke satt opp" in page.get_data(as_text=True)
    finally:
        h.close()


def test_the_screen_speaks_the_language_the_organiser_chose(client, hub):
    stage_actions.configure_screen(hub, {"message": "", "show_ticker": True, "language": "en"})
    assert "Welcome!" in client.get("/screen").get_data(as_text=True)
    # the organiser's own pages keep the organiser's language
    assert "Følg tellingen" not in client.get("/screen").get_data(as_text=True)


def test_the_public_count_is_cacheable_and_holds_nothing_personal(client, hub):
    register(hub, *two_ids(hub))
    answer = client.get("/count.json")
    assert answer.status_code == 200
    assert "max-age=2" in answer.headers["Cache-Control"]
    body = answer.get_json()
    assert body["deals"] == 1
    text = answer.get_data(as_text=True) + client.get("/count").get_data(as_text=True)
    for participant in hub.evening.participants.values():
        assert participant.name not in text
    assert "@example" not in text
    again = client.get("/count.json", headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304


def test_the_qr_code_points_guests_to_the_public_count(client, hub):
    on_the_lan = client.get("/screen/qr.svg", headers={"Host": "10.0.0.5:8400"})
    assert on_the_lan.mimetype == "image/svg+xml" and on_the_lan.get_data().startswith(b"<svg")
    expected = stage_actions.qr_svg("http://10.0.0.5:8400/count")
    assert on_the_lan.get_data(as_text=True) == str(expected)
    stage_actions.configure_screen(
        hub,
        {"show_ticker": True, "language": "nb", "public_url": "http://192.168.1.10:8400"},
    )
    configured = client.get("/screen/qr.svg", headers={"Host": "10.0.0.5:8400"})
    assert configured.get_data(as_text=True) == str(
        stage_actions.qr_svg("http://192.168.1.10:8400/count")
    )


def test_a_screen_on_the_hub_laptop_itself_gives_phones_a_lan_address(client):
    with client.application.test_request_context("/screen", headers={"Host": "127.0.0.1:8400"}):
        url = stage_actions.public_url()
    lan = lan_address()
    assert url == (f"http://{lan}:8400/count" if lan else "http://127.0.0.1:8400/count")


def test_organiser_pages_of_the_stage_need_a_login(client):
    for path in ("/controls", "/records", "/mc"):
        assert client.get(path).status_code in (302, 401, 403)


def test_the_gong_buttons_open_and_close_the_hour(organiser, hub):
    assert organiser.post("/controls/gong", data={"action": "open"}).status_code == 303
    assert hub.evening.stage.phase == "during"
    assert "gong-close" in organiser.get("/controls").get_data(as_text=True)
    organiser.post("/controls/gong", data={"action": "close"})
    assert hub.evening.stage.phase == "after"
    assert organiser.post("/controls/gong", data={"action": "ring"}).status_code == 422


def test_a_wrong_closing_time_is_refused_and_nothing_changes(organiser, hub):
    before = hub.evening.stage.closes_at()
    answer = organiser.post("/controls/closing", data={"closes_at": "kvart over"})
    assert answer.status_code == 422
    assert "Skriv tid som TT:MM" in answer.get_data(as_text=True)
    assert hub.evening.stage.closes_at() == before
    organiser.post("/controls/closing", data={"closes_at": "23:30"})
    assert hub.evening.stage.closes_at().strftime("%H:%M") == "23:30"


def test_message_ticker_and_language_reach_the_screen(organiser, client, hub):
    organiser.post(
        "/controls/screen",
        data={"message": "5 minutter igjen!", "language": "en", "public_url": ""},
    )
    config = hub.evening.stage.screen
    assert (config.message, config.show_ticker, config.language) == (
        "5 minutter igjen!",
        False,
        "en",
    )
    board = client.get("/screen/live?v=x").get_data(as_text=True)
    assert "5 minutter igjen!" in board and 'data-testid="ticker"' not in board
    organiser.post("/controls/screen", data={"clear_message": "1", "show_ticker": "on"})
    assert hub.evening.stage.screen.message == ""
    assert hub.evening.stage.screen.show_ticker


def test_earlier_evenings_typed_in_set_the_record(organiser, hub):
    bad = organiser.post(
        "/records", data={"name": "Sagene 2022", "date": "", "deals": "51", "participants": ""}
    )
    assert bad.status_code == 422
    assert 'value="Sagene 2022"' in bad.get_data(as_text=True)  # what was typed is kept
    assert hub.evening.stage.record() is None
    organiser.post(
        "/records",
        data={"name": "Sagene 2022", "date": "2022-05-04", "deals": "51", "participants": "50"},
    )
    page = organiser.get("/records").get_data(as_text=True)
    assert "Rekorden å slå: 51 avtaler (Sagene 2022)" in page
    record_id = hub.evening.stage.record().key
    organiser.post(f"/records/{record_id}/remove")
    assert hub.evening.stage.record() is None


def test_the_mc_sees_figures_and_examples_to_name(organiser, hub):
    page = organiser.get("/mc").get_data(as_text=True)
    assert 'data-testid="mc-points"' in page
    assert "tilbyr" in page and "trenger" in page
    key = page.split('data-version="')[1].split('"')[0]
    assert organiser.get(f"/mc/live?v={key}").status_code == 204


def test_the_shipped_gong_is_what_the_generator_makes():
    assert TARGET.read_bytes() == wav_bytes()
