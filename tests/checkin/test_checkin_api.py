"""``POST /api/checkins`` on the tablet: 201 for a new arrival, 200 when already here, clear
refusals that store nothing; all of it with no hub in reach."""

from __future__ import annotations

import pytest

from kiosk.service import Kiosk


def arrival_of(kiosk_client, body: dict):
    answer = kiosk_client.post("/api/checkins", json=body)
    return answer.status_code, answer.get_json()


def sagene_if(kiosk: Kiosk) -> str:
    return next(p.id for p in kiosk.evening.participants.values() if p.name == "Sagene IF")


def test_a_participant_is_checked_in_once_and_then_already_here(kiosk, kiosk_client):
    pid = sagene_if(kiosk)
    status, first = arrival_of(kiosk_client, {"participant_id": pid})
    assert status == 201
    assert first["participant_id"] == pid and first["name"] == "Sagene IF"
    assert first["already_here"] is False and first["ref"].startswith(str(kiosk.device_id))
    status, again = arrival_of(kiosk_client, {"participant_id": pid})
    assert status == 200
    assert again["already_here"] is True and again["arrived_at"] == first["arrived_at"]
    assert kiosk_client.get("/api/checkins").get_json()["arrived"] == 1
    assert kiosk.pending() == 2  # Opened, one check-in: the second tap stored nothing


def test_undo_then_check_in_again(kiosk, kiosk_client):
    pid = sagene_if(kiosk)
    arrival_of(kiosk_client, {"participant_id": pid})
    undone = kiosk_client.post("/api/checkins/undo", json={"participant_id": pid})
    assert undone.status_code == 200 and undone.get_json()["here"] is False
    assert kiosk_client.get("/api/checkins").get_json()["arrived"] == 0
    again = kiosk_client.post("/api/checkins/undo", json={"participant_id": pid})
    assert again.status_code == 409 and again.get_json()["error"] == "not_checked_in"
    assert arrival_of(kiosk_client, {"participant_id": pid})[0] == 201


def test_a_walk_in_without_contact_details_needs_no_hub(kiosk, kiosk_client):
    status, arrival = arrival_of(
        kiosk_client, {"walk_in": {"name": "Lilleborg Sjakklubb", "sector": "voluntary"}}
    )
    assert status == 201 and arrival["walk_in"] is True
    walk_in = kiosk.evening.participants[arrival["participant_id"]]
    assert walk_in.walk_in and walk_in.contact_sealed == ""


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 422, "participant_or_walk_in"),
        ({"participant_id": "x", "walk_in": {}}, 422, "participant_or_walk_in"),
        ({"participant_id": "00000000-0000-4000-8000-000000000000"}, 404, "unknown_participant"),
        ({"participant_id": 7}, 404, "unknown_participant"),
        ({"walk_in": "Sjakk"}, 422, "invalid_walk_in"),
        ({"walk_in": {"name": "", "sector": "voluntary"}}, 422, "invalid_walk_in"),
        ({"walk_in": {"name": "Sjakk", "sector": "moon"}}, 422, "invalid_walk_in"),
        ({"walk_in": {"name": "Sjakk", "sector": "voluntary", "email": "a@b.no"}}, 422,
         "invalid_walk_in"),  # contact details without consent
        ({"walk_in": {"name": "Sjakk", "sector": "voluntary", "email": "nope", "consent": True}},
         422, "invalid_walk_in"),
        ({"walk_in": {"name": "Sjakk", "sector": "voluntary", "phone": "1", "consent": "yes"}},
         422, "invalid_walk_in"),
        ({"walk_in": {"name": "Sjakk", "sector": "voluntary", "email": "a@b.no",
                      "consent": True}}, 409, "tablet_not_paired"),
    ],
)  # fmt: skip
def test_bad_check_ins_are_refused_and_store_nothing(kiosk, kiosk_client, body, status, code):
    before = kiosk.journal.version
    answer = kiosk_client.post("/api/checkins", json=body)
    assert answer.status_code == status
    assert answer.get_json()["error"] == code
    assert kiosk.journal.version == before


def test_a_body_that_is_not_an_object_is_refused(kiosk_client):
    assert kiosk_client.post("/api/checkins", json=[1]).status_code == 422
    # a form post is refused before it is read: no CSRF token (403)
    assert kiosk_client.post("/api/checkins", data="x").status_code == 403


def test_the_check_in_api_is_in_the_kiosks_openapi_document(kiosk_client):
    document = kiosk_client.get("/api/openapi.json").get_json()
    post = document["paths"]["/api/checkins"]["post"]
    assert {"200", "201", "404", "409", "422"} <= set(post["responses"])
    assert "/api/checkins/undo" in document["paths"]


def test_a_walk_in_typed_again_at_the_door_is_the_one_known(kiosk, kiosk_client):
    walk_in = {"name": "Torshov Strikk", "sector": "voluntary"}
    first = kiosk_client.post("/api/checkins", json={"walk_in": walk_in})
    assert first.status_code == 201
    again = kiosk_client.post(
        "/api/checkins", json={"walk_in": {"name": "torshov  strikk", "sector": "voluntary"}}
    )
    assert again.status_code == 200 and again.get_json()["already_here"] is True
    assert again.get_json()["participant_id"] == first.get_json()["participant_id"]
    named = [p for p in kiosk.evening.participants.values() if p.name.lower() == "torshov strikk"]
    assert len(named) == 1
    # a signed-up participant typed as a walk-in is checked in as themselves
    signed_up = kiosk_client.post(
        "/api/checkins", json={"walk_in": {"name": "SAGENE IF", "sector": "voluntary"}}
    )
    assert signed_up.status_code == 201 and signed_up.get_json()["walk_in"] is False


def test_the_doors_walk_in_form_offers_a_name_already_known(kiosk_client):
    html = kiosk_client.get("/checkin/alike?name=Sagene I.F.").get_data(as_text=True)
    assert 'data-testid="door-alike"' in html and "Sagene IF" in html
    assert kiosk_client.get("/checkin/alike?name=Zz").get_data(as_text=True).strip() == ""


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nb", ["Innsjekk", "Skann navnelapp", "Uanmeldt deltaker"]),
     ("en", ["Check-in", "Scan a name tag", "Walk-in"])],
)  # fmt: skip
def test_the_doors_page_speaks_the_brokers_language(kiosk_client, lang, words):
    answer = kiosk_client.get(f"/checkin?lang={lang}")
    page = answer.get_data(as_text=True)
    assert all(word in page for word in words)
    assert answer.headers["Permissions-Policy"].startswith("camera=(self)")
    assert kiosk_client.get("/").headers["Permissions-Policy"].startswith("camera=()")
