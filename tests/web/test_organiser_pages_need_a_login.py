"""Promise 6 in the hub's web app: organiser pages need a login, from the laptop itself unless
allowed; the password is chosen once and stored as argon2; sessions end; a foreign host name
(DNS rebinding) reaches nothing.

In-process Flask apps on real data folders (the login, the session cookie and the CSRF check are
the real ones); the paths through real processes and a browser are in the other security tests.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest

import hub as hub_web
from hub.auth import access, password, sessions
from kiosk import lock
from tests.support.auth import TEST_PASSWORD, csrf_token_in, login_test_client
from tests.support.evenings import CONTACT
from tests.support.processes import ROOT
from tests.web.routes import DEVICE_PREFIXES, PUBLIC_PREFIXES, plain_get_routes


def test_every_organiser_page_needs_a_login(evening_hub, hub_app):
    client = hub_app.test_client()
    checked, open_paths = [], []
    for endpoint, path in plain_get_routes(hub_app):
        with hub_app.app_context():
            rule = access.access_of(endpoint)
        if rule == "public":
            open_paths.append(path)
            continue
        with client.get(path) as answer:
            if path.startswith("/api/"):
                assert answer.status_code == 401, path
                assert answer.get_json()["error"] == "login_required", path
            else:
                assert answer.status_code == 302, path
                assert answer.headers["Location"].startswith("/login?next="), path
        checked.append(path)
    # Nothing is open that should not be, whoever added it.
    assert [p for p in open_paths if not p.startswith(PUBLIC_PREFIXES + DEVICE_PREFIXES)] == []
    # The pages that hold contact details are among the closed ones.
    for must in ["/", "/participants", "/settings", "/export.csv", "/export.xlsx", "/api/deals"]:
        assert must in checked
    assert {"/devices", "/pair"} <= set(checked)


def test_after_login_the_organiser_gets_the_pages(evening_hub, organiser):
    for path in ["/", "/participants", "/devices", "/pair", "/export.csv", "/api/deals"]:
        assert organiser.get(path).status_code == 200, path
    assert CONTACT["email"] in organiser.get("/participants").get_data(as_text=True)


def test_a_wrong_password_does_not_log_in_and_many_are_throttled(evening_hub):
    """From the LAN (with --allow-remote-admin): ten wrong guesses an address, then a pause
    that holds even for the right password. The laptop itself is never locked out."""
    app = hub_web.create_app(evening_hub, {"ALLOW_REMOTE_ADMIN": True})
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.77"
    token = csrf_token_in(client.get("/login").get_data(as_text=True))
    codes = [
        client.post("/login", data={"password": f"guess-{i}", "csrf_token": token}).status_code
        for i in range(access.LOGIN_ATTEMPTS + 1)
    ]
    assert codes[: access.LOGIN_ATTEMPTS] == [403] * access.LOGIN_ATTEMPTS
    assert codes[-1] == 429
    # Throttled means throttled: even the right password waits now.
    right = client.post("/login", data={"password": TEST_PASSWORD, "csrf_token": token})
    assert right.status_code == 429
    assert client.get("/api/deals").status_code == 401
    assert (
        login_test_client(app.test_client(), evening_hub.data_dir).get("/api/deals").status_code
        == 200
    )


def test_organiser_pages_refuse_other_machines_unless_allowed(evening_hub):
    strange = {"REMOTE_ADDR": "198.51.100.77"}  # a guest's phone on the venue Wi-Fi
    client = hub_web.create_app(evening_hub).test_client()
    assert client.get("/participants", environ_base=strange).status_code == 403
    assert client.get("/api/deals", environ_base=strange).get_json()["error"] == (
        "admin_local_only"
    )
    assert client.get("/setup", environ_base=strange).status_code == 403
    # The live screen stays open to every phone.
    assert client.get("/screen", environ_base=strange).status_code == 200

    allowed = hub_web.create_app(evening_hub, {"ALLOW_REMOTE_ADMIN": True}).test_client()
    allowed.environ_base.update(strange)
    assert allowed.get("/participants").status_code == 302  # to the login, not refused
    login_test_client(allowed, evening_hub.data_dir)
    assert allowed.get("/participants").status_code == 200


def test_the_password_is_chosen_once_on_the_laptop_and_stored_as_argon2(hub, hub_app):
    client = hub_app.test_client()  # a hub started for the first time
    assert client.get("/").headers["Location"] == "/setup"
    token = csrf_token_in(client.get("/setup").get_data(as_text=True))
    short = client.post("/setup", data={"password": "kort", "repeat": "kort", "csrf_token": token})
    assert short.status_code == 422 and not password.password_is_set(hub.data_dir)
    chosen = client.post(
        "/setup",
        data={"password": "sagene-2026!", "repeat": "sagene-2026!", "csrf_token": token},
    )
    assert chosen.status_code == 302
    stored = (hub.data_dir / password.PASSWORD_FILE).read_text()
    assert stored.startswith("$argon2id$") and "sagene-2026!" not in stored
    assert client.get("/participants").status_code == 200  # setting it logs in
    # Once chosen, /setup cannot change it: that is `bors hub set-password` on the laptop.
    assert client.get("/setup").headers["Location"] == "/login"


@pytest.mark.parametrize(
    ("field", "age"),
    [("seen_at", sessions.IDLE_LIMIT + 5), ("login_at", sessions.ABSOLUTE_LIMIT + 5)],
    ids=["idle too long", "logged in too long"],
)
def test_sessions_expire(evening_hub, organiser, field, age):
    """The hub keeps the session's times (the cookie cannot be trusted with them): aged there,
    the same cookie no longer logs in."""
    assert organiser.get("/api/deals").status_code == 200
    with sqlite3.connect(evening_hub.data_dir / "sessions.sqlite") as db:
        db.execute(f"UPDATE sessions SET {field} = ?", (time.time() - age,))
    assert organiser.get("/api/deals").status_code == 401


def test_logging_out_ends_the_session(evening_hub, organiser):
    assert organiser.post("/logout").status_code == 302
    assert organiser.get("/api/deals").status_code == 401


@pytest.mark.parametrize(
    ("next_page", "lands_on"),
    [
        ("/participants", "/participants"),
        ("//evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("http://evil.example/", "/"),
    ],
)
def test_after_login_the_organiser_lands_on_this_hub_only(
    evening_hub, hub_app, next_page, lands_on
):
    client = hub_app.test_client()
    token = csrf_token_in(client.get("/login").get_data(as_text=True))
    answer = client.post(
        "/login",
        query_string={"next": next_page},
        data={"password": TEST_PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 302 and answer.headers["Location"] == lands_on


@pytest.mark.parametrize("path", ["/setup", "/login", "/participants", "/api/deals"])
def test_pages_asked_for_by_a_foreign_name_are_refused(hub_app, path):
    """DNS rebinding: evil.example pointed at 127.0.0.1 must not reach /setup on first start."""
    client = hub_app.test_client()  # a hub started for the first time
    answer = client.get(path, headers={"Host": "evil.example:8400"})
    assert answer.status_code == 403
    assert client.get(path, headers={"Host": "127.0.0.1:8400"}).status_code != 403
    assert client.get("/screen", headers={"Host": "evil.example:8400"}).status_code == 200


@pytest.mark.parametrize(
    ("command", "secret", "check"),
    [
        (["hub", "set-password", "--password-stdin"], "sagene-2026!", password.check_password),
        (["kiosk", "set-pin", "--pin-stdin"], "2468", lock.check_pin),
    ],
    ids=["organiser password", "broker PIN"],
)
def test_secrets_are_set_from_the_command_line(tmp_path, command, secret, check):
    data = tmp_path / "data"
    data.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "bors.cli", *command[:2], "--data", str(data), *command[2:]],
        input=secret + "\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert check(data, secret) and not check(data, secret + "x")
    too_short = subprocess.run(
        [sys.executable, "-m", "bors.cli", *command[:2], "--data", str(data), *command[2:]],
        input="12\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert too_short.returncode == 2 and check(data, secret)
