"""Pairing and devices from the organiser's side: a code that pairs once, shown with a QR code;
a tablet's name, typed by the organiser, shown as text."""

from __future__ import annotations

import re
import uuid

from shared.sync import envelope
from tests.support.pairing import SealedSync


def test_the_pairing_page_shows_a_code_that_pairs_once_and_a_qr_code(
    evening_hub, hub_app, organiser
):
    page = organiser.get("/pair").get_data(as_text=True)
    code = re.search(r'data-testid="pair-code">(\d{4}-\d{4})<', page).group(1)
    qr_path = re.search(r'<img class="pair-qr" src="([^"]+)"', page).group(1).replace("&amp;", "&")
    with organiser.get(qr_path) as qr:
        assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    registry = hub_app.extensions["devices"]
    device = SealedSync(hub_app.test_client(), evening_hub)  # pairs with a fresh code of its own
    assert registry.get(device.device_id) is not None
    # The page's code is still good once, and only once.
    key = envelope.new_private_key()
    first_id, second_id = "11111111-1111-4111-8111-111111111111", str(uuid.uuid4())
    for device_id, expected in [(first_id, 200), (second_id, 403)]:
        mine = bytes(key.public_key)
        proof = envelope.pairing_proof(code, b"kiosk", device_id.encode(), mine)
        answer = hub_app.test_client().post(
            "/api/pair",
            json={
                "device": device_id,
                "public_key": envelope.b64(mine),
                "proof": envelope.b64(proof),
                "name": "Nettbrett 3",
            },
        )
        assert answer.status_code == expected


def test_the_organiser_names_a_tablet_and_the_name_is_escaped(evening_hub, hub_app, organiser):
    device = SealedSync(hub_app.test_client(), evening_hub)
    token = organiser.environ_base["HTTP_X_CSRF_TOKEN"]
    name = "<b>Nettbrett 3</b>"
    answer = organiser.post(
        f"/devices/{device.device_id}/name", data={"name": name, "csrf_token": token}
    )
    assert answer.status_code == 302
    page = organiser.get("/devices").get_data(as_text=True)
    assert "&lt;b&gt;Nettbrett 3&lt;/b&gt;" in page and name not in page
