"""Promise 6 in the markup: every page carries strict headers and no inline script, and no
public page shows a participant's contact details."""

from __future__ import annotations

import re

from tests.support.evenings import CONTACT
from tests.web.routes import plain_get_routes

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def test_pages_carry_strict_headers_and_no_inline_script(
    evening_hub, hub_app, organiser, kiosk_client
):
    pages = [(organiser, p) for _, p in plain_get_routes(hub_app) if not p.startswith("/api/")]
    pages += [(kiosk_client, "/"), (kiosk_client, "/pair"), (kiosk_client, "/lock")]
    for client, path in pages:
        answer = client.get(path, buffered=False)  # a live feed's body never ends: not read
        csp = answer.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["X-Frame-Options"] == "DENY"
        if answer.mimetype == "text/html":
            html = answer.get_data(as_text=True)
            assert not INLINE_SCRIPT.search(html), path
            assert not INLINE_HANDLER.search(html), path
        answer.close()
    cookie = organiser.get_cookie(f"bors-hub-{str(evening_hub.device_id)[:8]}")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_public_pages_show_no_contact_details(hub_app, evening_hub):
    client = hub_app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.77"
    seen = []
    for _, path in plain_get_routes(hub_app):
        with client.get(path, buffered=False) as answer:
            if answer.status_code != 200:
                continue
            if answer.mimetype == "text/event-stream":
                body = next(answer.response, b"").decode()  # the first event of a live feed
            else:
                body = answer.get_data(as_text=True)
        for value in CONTACT.values():
            assert value not in body, (path, value)
        seen.append(path)
    assert {"/screen", "/api/stats"} <= set(seen)
