"""The stage's pages through the hub app: cheap polling answers, the organiser's controls, the
MC's view, the public count (nothing personal), earlier evenings."""

from __future__ import annotations

from hub import create_app
from hub.service import Hub
from hub.stage import service as stage_actions
from hub.stage.gong_sound import TARGET, wav_bytes
from hub.web import lan_address
from tests.support.deals import register


def two_ids(h: Hub) -> tuple[str, str]:
    ids = sorted(h.evening.participants)
    return ids[0], ids[1]


def test_an_unchanged_board_costs_a_204_and_a_changed_one_the_new_board(seeded_guest, seeded_hub):
    first = seeded_guest.get("/screen/live?v=nothing")
    assert first.status_code == 200
    key = first.get_data(as_text=True).split('data-key="')[1].split('"')[0]
    same = seeded_guest.get(f"/screen/live?v={key}")
    assert same.status_code == 204 and same.get_data() == b""
    assert int(same.headers["X-Hub-Time"]) > 0
    register(seeded_hub, *two_ids(seeded_hub))
    changed = seeded_guest.get(f"/screen/live?v={key}")
    assert changed.status_code == 200
    assert 'data-count="1"' in changed.get_data(as_text=True)


def test_the_doorbell_rings_with_the_key_and_holds_only_so_many_threads(seeded_hub):
    client = create_app(seeded_hub, {"TESTING": True, "SCREEN_STREAMS": 1}).test_client()
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


def test_the_screen_speaks_the_language_the_organiser_chose(seeded_guest, seeded_hub):
    stage_actions.configure_screen(
        seeded_hub, {"message": "", "show_ticker": True, "language": "en"}
    )
    assert "Welcome!" in seeded_guest.get("/screen").get_data(as_text=True)
    # the organiser's own pages keep the organiser's language
    assert "Følg tellingen" not in seeded_guest.get("/screen").get_data(as_text=True)


def test_the_public_count_is_cacheable_and_holds_nothing_personal(seeded_guest, seeded_hub):
    register(seeded_hub, *two_ids(seeded_hub))
    answer = seeded_guest.get("/count.json")
    assert answer.status_code == 200
    assert "max-age=2" in answer.headers["Cache-Control"]
    body = answer.get_json()
    assert body["deals"] == 1
    text = answer.get_data(as_text=True) + seeded_guest.get("/count").get_data(as_text=True)
    for participant in seeded_hub.evening.participants.values():
        assert participant.name not in text
    assert "@example" not in text
    again = seeded_guest.get("/count.json", headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304


def test_the_qr_code_points_guests_to_the_public_count(seeded_guest, seeded_hub):
    on_the_lan = seeded_guest.get("/screen/qr.svg", headers={"Host": "10.0.0.5:8400"})
    assert on_the_lan.mimetype == "image/svg+xml" and on_the_lan.get_data().startswith(b"<svg")
    expected = stage_actions.qr_svg("http://10.0.0.5:8400/count")
    assert on_the_lan.get_data(as_text=True) == str(expected)
    stage_actions.configure_screen(
        seeded_hub,
        {"show_ticker": True, "language": "nb", "public_url": "http://192.168.1.10:8400"},
    )
    configured = seeded_guest.get("/screen/qr.svg", headers={"Host": "10.0.0.5:8400"})
    assert configured.get_data(as_text=True) == str(
        stage_actions.qr_svg("http://192.168.1.10:8400/count")
    )


def test_a_screen_on_the_hub_laptop_itself_gives_phones_a_lan_address(seeded_guest):
    with seeded_guest.application.test_request_context(
        "/screen", headers={"Host": "127.0.0.1:8400"}
    ):
        url = stage_actions.public_url()
    lan = lan_address()
    assert url == (f"http://{lan}:8400/count" if lan else "http://127.0.0.1:8400/count")


def test_organiser_pages_of_the_stage_need_a_login(seeded_guest):
    for path in ("/controls", "/records", "/mc"):
        assert seeded_guest.get(path).status_code in (302, 401, 403)


def test_the_gong_buttons_open_and_close_the_hour(seeded_organiser, seeded_hub):
    assert seeded_organiser.post("/controls/gong", data={"action": "open"}).status_code == 303
    assert seeded_hub.evening.stage.phase == "during"
    assert "gong-close" in seeded_organiser.get("/controls").get_data(as_text=True)
    seeded_organiser.post("/controls/gong", data={"action": "close", "confirmed": "yes"})
    assert seeded_hub.evening.stage.phase == "after"
    assert seeded_organiser.post("/controls/gong", data={"action": "ring"}).status_code == 422


def test_a_wrong_closing_time_is_refused_and_nothing_changes(seeded_organiser, seeded_hub):
    before = seeded_hub.evening.stage.closes_at()
    answer = seeded_organiser.post("/controls/closing", data={"closes_at": "kvart over"})
    assert answer.status_code == 422
    assert "Skriv tid som TT:MM" in answer.get_data(as_text=True)
    assert seeded_hub.evening.stage.closes_at() == before
    seeded_organiser.post("/controls/closing", data={"closes_at": "23:30"})
    assert seeded_hub.evening.stage.closes_at().strftime("%H:%M") == "23:30"


def test_message_ticker_and_language_reach_the_screen(seeded_organiser, seeded_guest, seeded_hub):
    seeded_organiser.post(
        "/controls/screen",
        data={"message": "5 minutter igjen!", "language": "en", "public_url": ""},
    )
    config = seeded_hub.evening.stage.screen
    assert (config.message, config.show_ticker, config.language) == (
        "5 minutter igjen!",
        False,
        "en",
    )
    board = seeded_guest.get("/screen/live?v=x").get_data(as_text=True)
    assert "5 minutter igjen!" in board and 'data-testid="ticker"' not in board
    seeded_organiser.post("/controls/screen", data={"clear_message": "1", "show_ticker": "on"})
    assert seeded_hub.evening.stage.screen.message == ""
    assert seeded_hub.evening.stage.screen.show_ticker


def test_earlier_evenings_typed_in_set_the_record(seeded_organiser, seeded_hub):
    bad = seeded_organiser.post(
        "/records", data={"name": "Sagene 2022", "date": "", "deals": "51", "participants": ""}
    )
    assert bad.status_code == 422
    assert 'value="Sagene 2022"' in bad.get_data(as_text=True)  # what was typed is kept
    assert seeded_hub.evening.stage.record() is None
    seeded_organiser.post(
        "/records",
        data={"name": "Sagene 2022", "date": "2022-05-04", "deals": "51", "participants": "50"},
    )
    page = seeded_organiser.get("/records").get_data(as_text=True)
    assert "Rekorden å slå: 51 avtaler (Sagene 2022)" in page
    record_id = seeded_hub.evening.stage.record().key
    seeded_organiser.post(f"/records/{record_id}/remove", data={"confirmed": "yes"})
    assert seeded_hub.evening.stage.record() is None


def test_the_mc_sees_figures_and_examples_to_name(seeded_organiser, seeded_hub):
    page = seeded_organiser.get("/mc").get_data(as_text=True)
    assert 'data-testid="mc-points"' in page
    assert "tilbyr" in page and "trenger" in page
    key = page.split('data-version="')[1].split('"')[0]
    assert seeded_organiser.get(f"/mc/live?v={key}").status_code == 204


def test_the_shipped_gong_is_what_the_generator_makes():
    assert TARGET.read_bytes() == wav_bytes()
