"""Issue 11, item 17: logging out ends the session on the hub (a cookie kept from before reads
nothing), the cookie expires when the hub's session does, and organiser pages and exports are
sent with ``Cache-Control: no-store``."""

from __future__ import annotations

import sqlite3
import time
from email.utils import parsedate_to_datetime
from http.cookies import SimpleCookie

from hub.auth import sessions
from tests.support.auth import TEST_PASSWORD, csrf_token_in

ORGANISER_PAGES = ["/", "/participants", "/devices", "/export.csv", "/export.xlsx", "/api/deals"]


def _cookie_header(client, app) -> str:
    name = app.config["SESSION_COOKIE_NAME"]
    return f"{name}={client.get_cookie(name).value}"


def test_a_cookie_kept_from_before_logout_reads_nothing(hub_app, organiser):
    kept = _cookie_header(organiser, hub_app)
    thief = hub_app.test_client(use_cookies=False)  # sends exactly the kept cookie
    assert thief.get("/api/deals", headers={"Cookie": kept}).status_code == 200
    assert organiser.post("/logout").status_code == 302
    for path in ["/api/deals", "/export.csv", "/participants"]:
        answer = thief.get(path, headers={"Cookie": kept})
        assert answer.status_code in (302, 401), (path, answer.status_code)
    assert thief.get("/api/deals", headers={"Cookie": kept}).get_json()["error"] == "login_required"


def test_the_cookie_expires_when_the_session_does(hub_app, hub):
    client = hub_app.test_client()
    token = csrf_token_in(client.get("/login").get_data(as_text=True))
    before = time.time()
    answer = client.post("/login", data={"password": TEST_PASSWORD, "csrf_token": token})
    cookie = SimpleCookie()
    for header in answer.headers.getlist("Set-Cookie"):
        cookie.load(header)
    morsel = cookie[hub_app.config["SESSION_COOKIE_NAME"]]
    expires = parsedate_to_datetime(morsel["expires"]).timestamp()
    assert before + sessions.IDLE_LIMIT - 5 <= expires <= time.time() + sessions.IDLE_LIMIT + 5


def _cookie_expires(answer, app) -> float:
    cookie = SimpleCookie()
    for header in answer.headers.getlist("Set-Cookie"):
        cookie.load(header)
    return parsedate_to_datetime(cookie[app.config["SESSION_COOKIE_NAME"]]["expires"]).timestamp()


def test_near_its_twelve_hours_the_cookie_ends_with_the_session(hub_app, hub, organiser):
    """Past 11 h 50 min after login the idle limit no longer decides: the cookie ends when the
    hub will end the session, in ten minutes."""
    with sqlite3.connect(hub.data_dir / "sessions.sqlite") as db:
        db.execute(
            "UPDATE sessions SET login_at = ?", (time.time() - sessions.ABSOLUTE_LIMIT + 600,)
        )
    answer = organiser.get("/api/deals")
    assert answer.status_code == 200
    assert abs(_cookie_expires(answer, hub_app) - (time.time() + 600)) < 5


def test_organiser_pages_and_exports_are_not_stored(organiser):
    for path in ORGANISER_PAGES:
        answer = organiser.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["Cache-Control"] == "no-store", path
    assert organiser.get("/login").headers["Cache-Control"] == "no-store"
