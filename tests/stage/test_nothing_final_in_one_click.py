"""What cannot be taken back asks first: the closing gong, unpairing a tablet, removing an
earlier evening; and a message put up before the closing gong comes down with it (issue 11,
item 7)."""

from __future__ import annotations

from tests.support.pairing import SealedSync


def test_the_closing_gong_asks_before_it_closes(seeded_organiser, seeded_hub):
    seeded_organiser.post("/controls/gong", data={"action": "open"})
    asked = seeded_organiser.post("/controls/gong", data={"action": "close"})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'data-testid="confirm-step"' in page
    assert "Slå sluttgongen nå?" in page and 'name="action" value="close"' in page
    assert seeded_hub.evening.stage.phase == "during"  # nothing happened yet
    done = seeded_organiser.post("/controls/gong", data={"action": "close", "confirmed": "yes"})
    assert done.status_code == 303 and seeded_hub.evening.stage.phase == "after"


def test_removing_an_earlier_evening_asks_first(seeded_organiser, seeded_hub):
    seeded_organiser.post(
        "/records",
        data={"name": "Sagene 2022", "date": "2022-05-04", "deals": "51", "participants": "50"},
    )
    key = seeded_hub.evening.stage.record().key
    asked = seeded_organiser.post(f"/records/{key}/remove")
    assert "Sagene 2022" in asked.get_data(as_text=True) and seeded_hub.evening.stage.record()
    seeded_organiser.post(f"/records/{key}/remove", data={"confirmed": "yes"})
    assert seeded_hub.evening.stage.record() is None


def test_unpairing_a_tablet_asks_first(seeded_organiser, seeded_hub, seeded_app):
    device_id = SealedSync(seeded_app.test_client(), seeded_hub).device_id
    registry = seeded_app.extensions["devices"]
    asked = seeded_organiser.post(f"/devices/{device_id}/revoke")
    assert asked.status_code == 200 and 'data-testid="confirm-step"' in asked.get_data(as_text=True)
    assert not registry.get(device_id).revoked
    seeded_organiser.post(f"/devices/{device_id}/revoke", data={"confirmed": "yes"})
    assert registry.get(device_id).revoked


def test_a_message_put_up_before_the_closing_gong_comes_down_with_it(
    seeded_organiser, seeded_guest, seeded_hub
):
    seeded_organiser.post("/controls/gong", data={"action": "open"})
    seeded_organiser.post("/controls/screen", data={"message": "5 minutter igjen!"})
    assert "5 minutter igjen!" in seeded_guest.get("/screen/live?v=x").get_data(as_text=True)
    seeded_organiser.post("/controls/gong", data={"action": "close", "confirmed": "yes"})
    board = seeded_guest.get("/screen/live?v=y").get_data(as_text=True)
    assert "5 minutter igjen!" not in board
    seeded_organiser.post("/controls/screen", data={"message": "Takk for i kveld!"})
    assert "Takk for i kveld!" in seeded_guest.get("/screen/live?v=z").get_data(as_text=True)
