"""Issue 11, item 20: every state change needs the session's CSRF token or a sealed device
request, whatever the content type. Before the fix a form route took ``application/json``
without the token: revoking a tablet, voiding a deal.

The walk covers every POST route both apps have (other rooms' new forms included): sent with
the session's cookie, as JSON, without the token, each is refused with ``csrf_failed``.
"""

from __future__ import annotations

import re

import pytest

from hub.confirm import CONFIRMED
from tests.support.pairing import SealedSync
from tests.support.sync import deal

DEVICE_BLUEPRINTS = {"hub_sync", "hub_pair_api"}  # sealed per device, or proven by the code


def _state_changing_routes(app) -> list[tuple[str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint.split(".")[0] in DEVICE_BLUEPRINTS:
            continue
        if getattr(app.view_functions[rule.endpoint], "csrf_exempt", False):
            continue  # proven by its URL (one-click unsubscribe, RFC 8058)
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", "00000000-0000-4000-8000-000000000000", rule.rule)
        found.append((rule.endpoint, path))
    return sorted(found)


def _refused_without_token(client, path: str) -> None:
    answer = client.post(path, json={"reason": "dobbel"}, headers={"X-CSRF-Token": ""})
    assert answer.status_code == 403, (path, answer.status_code)
    if answer.is_json:
        assert answer.get_json()["error"] == "csrf_failed", path


def test_no_hub_route_takes_json_without_the_token(hub_app, organiser):
    organiser.environ_base.pop("HTTP_X_CSRF_TOKEN")
    routes = _state_changing_routes(hub_app)
    assert len(routes) > 20
    for _endpoint, path in routes:
        _refused_without_token(organiser, path)


def test_no_kiosk_route_takes_json_without_the_token(kiosk_app):
    broker = kiosk_app.test_client()
    assert broker.get("/").status_code == 200  # the tablet's browser: it has a session now
    routes = _state_changing_routes(kiosk_app)
    assert len(routes) >= 6
    for _endpoint, path in routes:
        _refused_without_token(broker, path)


def test_revoking_a_tablet_as_json_without_the_token_revokes_nothing(hub_app, hub, organiser):
    tablet = SealedSync(hub_app.test_client(), hub)
    token = organiser.environ_base.pop("HTTP_X_CSRF_TOKEN")
    answer = organiser.post(f"/devices/{tablet.device_id}/revoke", json={})
    assert answer.status_code == 403
    assert tablet.post("/api/sync/hello", {}).status_code == 200  # still paired
    revoked = organiser.post(
        f"/devices/{tablet.device_id}/revoke",
        data={CONFIRMED: "yes"},
        headers={"X-CSRF-Token": token},
    )
    assert revoked.status_code == 302
    assert tablet.post("/api/sync/hello", {}).status_code == 403


def test_voiding_a_deal_on_the_kiosk_as_json_without_the_token_voids_nothing(kiosk_app, kiosk):
    saved = kiosk.register_deal(deal(*sorted(kiosk.evening.participants)))
    broker = kiosk_app.test_client()
    broker.get("/")
    answer = broker.post(f"/deals/{saved.id}/void", json={"reason": "dobbel"})
    assert answer.status_code == 403
    answer = broker.post(f"/api/deals/{saved.id}/void", json={"reason": "dobbel"})
    assert answer.status_code == 403
    assert not kiosk.evening.deals[saved.id].voided


@pytest.mark.parametrize("path", ["/api/sync/hello"])
def test_a_sealed_device_request_needs_no_token(hub_app, hub, path):
    assert SealedSync(hub_app.test_client(), hub).post(path, {}).status_code == 200


def test_a_cookieless_api_client_still_saves_a_deal(kiosk_app, kiosk):
    """A script on the tablet (no session, so nothing to forge) sends JSON as before."""
    body = deal(*sorted(kiosk.evening.participants))
    assert kiosk_app.test_client().post("/api/deals", json=body).status_code == 201
