"""Arrivals on the hub: /api/stats counts them (per sector), the organiser's page and
/api/arrivals list who came and who signed up and did not, the MC's view shows the count."""

from __future__ import annotations

from hub.service import Hub


def test_the_hub_counts_arrivals_and_lists_who_has_not_come(sagene_hub: Hub, organiser):
    sagene_if, bydel = (
        next(p.id for p in sagene_hub.evening.participants.values() if p.name == name)
        for name in ("Sagene IF", "Bydel Sagene")
    )
    assert organiser.get("/api/stats").get_json()["arrived"] == 0
    sagene_hub.record("check_in", sagene_if)
    stats = organiser.get("/api/stats").get_json()
    assert stats["arrived"] == 1 and stats["arrived_by_sector"] == {"voluntary": 1}

    door = organiser.get("/api/arrivals").get_json()
    assert [a["participant_id"] for a in door["arrivals"]] == [sagene_if]
    assert [p["participant_id"] for p in door["not_come"]] == [bydel]

    page = organiser.get("/arrivals").get_data(as_text=True)
    assert "1 har kommet" in page and "Bydel Sagene" in page
    assert 'data-testid="mc-arrived">1<' in organiser.get("/mc").get_data(as_text=True)


def test_a_guest_sees_no_arrivals(hub_app):
    guest = hub_app.test_client()
    assert guest.get("/api/arrivals").status_code in (401, 403)
    assert guest.get("/arrivals").status_code in (302, 401, 403)


def test_the_arrivals_are_in_the_hubs_openapi_document(organiser):
    paths = organiser.get("/api/openapi.json").get_json()["paths"]
    assert {"/api/arrivals", "/print/badges.pdf", "/print/posters.pdf"} <= set(paths)
    stats = paths["/api/stats"]["get"]["responses"]["200"]["content"]["application/json"]
    assert {"arrived", "arrived_by_sector"} <= set(stats["schema"]["properties"])


def test_the_stage_screen_shows_the_arrivals_when_the_organiser_wants(sagene_hub: Hub, organiser):
    sagene_hub.record("check_in", next(iter(sagene_hub.evening.participants)))
    assert "screen-arrived" not in organiser.get("/screen/live").get_data(as_text=True)
    organiser.post("/arrivals/screen", data={"show": "on"})
    board = organiser.get("/screen/live").get_data(as_text=True)
    assert 'data-testid="screen-arrived">1 har kommet<' in board
    organiser.post("/arrivals/screen", data={})
    assert "screen-arrived" not in organiser.get("/screen/live").get_data(as_text=True)
