"""Issue 11, item 16: without ``--allow-remote-admin`` the login does not answer the LAN (no
guessing there), and however many wrong guesses come in, the organiser on the laptop itself
still logs in."""

from __future__ import annotations

from hub.auth import access
from tests.security.conftest import guest_client, page_token
from tests.support.auth import TEST_PASSWORD, login_test_client


def test_the_login_refuses_the_lan_without_remote_admin(hub_app):
    guest = guest_client(hub_app)
    assert guest.get("/login").status_code == 403
    token = page_token(hub_app.test_client(), "/login")
    tried = guest.post("/login", data={"password": TEST_PASSWORD, "csrf_token": token})
    assert tried.status_code == 403
    assert guest.get("/api/deals").status_code == 403


def test_the_login_answers_the_lan_with_remote_admin(remote_hub_app, hub):
    guest = guest_client(remote_hub_app)
    assert guest.get("/login").status_code == 200
    assert login_test_client(guest, hub.data_dir).get("/api/deals").status_code == 200


def test_wrong_guesses_never_lock_the_organiser_out_on_the_laptop(remote_hub_app, hub):
    guest = guest_client(remote_hub_app)
    token = page_token(guest, "/login")
    for i in range(access.LOGIN_ATTEMPTS + 2):  # the guest's share is used up
        guest.post("/login", data={"password": f"guess-{i}", "csrf_token": token})
    laptop = remote_hub_app.test_client()
    token = page_token(laptop, "/login")
    for i in range(access.LOGIN_ATTEMPTS + 1):  # the organiser mistypes, past any limit
        assert (
            laptop.post("/login", data={"password": f"typo-{i}", "csrf_token": token}).status_code
            == 403
        )
    assert login_test_client(laptop, hub.data_dir).get("/api/deals").status_code == 200
