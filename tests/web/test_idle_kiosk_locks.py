"""The broker's lock: an idle kiosk locks itself behind the broker's PIN, and guessing pauses."""

from __future__ import annotations

import re
import time

import kiosk as kiosk_web
from kiosk import lock
from tests.support.auth import csrf_token_in


def test_an_idle_kiosk_locks_until_the_pin_is_typed(kiosk):
    lock.set_pin(kiosk.data_dir, "4321")
    client = kiosk_web.create_app(kiosk, {"LOCK_IDLE_SECONDS": 60}).test_client()
    # A fresh browser (a guest picking the tablet up) starts locked.
    assert client.get("/").headers["Location"] == "/lock"
    assert client.get("/api/deals").status_code == 423
    assert client.get("/api/participants?q=sag").get_json()["error"] == "kiosk_locked"
    assert client.get("/api/status").status_code == 200  # the sync state is no secret

    token = csrf_token_in(client.get("/lock").get_data(as_text=True))
    assert client.post("/lock", data={"pin": "1111", "csrf_token": token}).status_code == 403
    assert client.post("/lock", data={"pin": "4321", "csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/api/deals").status_code == 200

    with client.session_transaction() as session:
        session["active_at"] = time.time() - 61
    assert client.get("/").headers["Location"] == "/lock"
    page = client.get("/lock").get_data(as_text=True)
    assert "lock.js" not in page  # the lock page itself does not lock


def test_the_idle_timer_script_is_served_and_wired(kiosk):
    lock.set_pin(kiosk.data_dir, "4321")
    client = kiosk_web.create_app(kiosk, {"LOCK_IDLE_SECONDS": 90}).test_client()
    token = csrf_token_in(client.get("/lock").get_data(as_text=True))
    client.post("/lock", data={"pin": "4321", "csrf_token": token})
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<script src="/kiosk-static/lock.js" data-idle-ms="90000" defer>', page)
    with client.get("/kiosk-static/lock.js") as script:
        assert script.status_code == 200 and b"/lock" in script.data


def test_a_wrong_pin_many_times_pauses_the_lock(kiosk):
    lock.set_pin(kiosk.data_dir, "4321")
    client = kiosk_web.create_app(kiosk).test_client()
    token = csrf_token_in(client.get("/lock").get_data(as_text=True))
    codes = [
        client.post("/lock", data={"pin": f"{i:04d}", "csrf_token": token}).status_code
        for i in range(lock.MAX_WRONG + 1)
    ]
    assert codes[-1] == 429
