"""Promise 6 in the web apps: organiser pages need a login from the laptop, forms need their
CSRF token, pages carry strict headers and no inline script, public pages no contact details,
and an idle kiosk locks itself behind the broker's PIN.

In-process Flask apps on real data folders (the login, the session cookie and the CSRF check are
the real ones); the paths through real processes and a browser are in the other security tests.
"""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

import pytest

import hub as hub_app
import kiosk as kiosk_app
from hub.auth import access, password
from hub.service import Hub
from kiosk import lock
from kiosk.service import Kiosk
from tests.support.auth import TEST_PASSWORD, csrf_token_in, ensure_password, login_test_client

CONTACT = {
    "contact_person": "Kari Kontaktperson",
    "email": "kari.kontakt@sagene-if.example",
    "phone": "+47 912 34 567",
}


@pytest.fixture
def hub(tmp_path: Path):
    hub = Hub(tmp_path / "hub")
    hub.schedule_evening(
        {
            "name": "Frivilligbørs Sagene",
            "venue": "Sagene samfunnshus",
            "date": "2026-11-25",
            "opens_at": "17:45",
            "closes_at": "18:45",
            "target": 60,
        }
    )
    hub.register_participant({"name": "Sagene IF", "sector": "voluntary", **CONTACT})
    hub.register_participant({"name": "Bydel Sagene", "sector": "public"})
    ensure_password(hub.data_dir)
    yield hub
    hub.close()


@pytest.fixture
def app(hub):
    return hub_app.create_app(hub)


def plain_get_routes(app) -> list[tuple[str, str]]:
    """(endpoint, path) of every page a GET reaches without URL parameters."""
    found = []
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and not rule.endpoint.endswith("static"):
            found.append((rule.endpoint, rule.rule))
    return sorted(found)


# What may be open without a login: the stage screen and public count (and their feeds), the
# public figures, the login itself, and what devices call (authenticated by their own keys).
PUBLIC_PREFIXES = ("/screen", "/count", "/api/stats", "/api/openapi.json", "/login", "/setup")
DEVICE_PREFIXES = ("/api/sync/", "/api/pair")


def test_every_organiser_page_needs_a_login(app):
    client = app.test_client()
    checked, open_paths = [], []
    for endpoint, path in plain_get_routes(app):
        with app.app_context():
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


def test_after_login_the_organiser_gets_the_pages(app, hub):
    client = login_test_client(app.test_client(), hub.data_dir)
    for path in ["/", "/participants", "/devices", "/pair", "/export.csv", "/api/deals"]:
        assert client.get(path).status_code == 200, path
    assert CONTACT["email"] in client.get("/participants").get_data(as_text=True)


def test_a_wrong_password_does_not_log_in_and_many_are_throttled(app):
    client = app.test_client()
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


def test_organiser_pages_refuse_other_machines_unless_allowed(hub):
    strange = {"REMOTE_ADDR": "198.51.100.77"}  # a guest's phone on the venue Wi-Fi
    client = hub_app.create_app(hub).test_client()
    assert client.get("/participants", environ_base=strange).status_code == 403
    assert client.get("/api/deals", environ_base=strange).get_json()["error"] == (
        "admin_local_only"
    )
    assert client.get("/setup", environ_base=strange).status_code == 403
    # The live screen stays open to every phone.
    assert client.get("/screen", environ_base=strange).status_code == 200

    allowed = hub_app.create_app(hub, {"ALLOW_REMOTE_ADMIN": True}).test_client()
    allowed.environ_base.update(strange)
    assert allowed.get("/participants").status_code == 302  # to the login, not refused
    login_test_client(allowed, hub.data_dir)
    assert allowed.get("/participants").status_code == 200


def test_the_password_is_chosen_once_on_the_laptop_and_stored_as_argon2(tmp_path):
    hub = Hub(tmp_path / "fresh")
    try:
        client = hub_app.create_app(hub).test_client()
        assert client.get("/").headers["Location"] == "/setup"
        token = csrf_token_in(client.get("/setup").get_data(as_text=True))
        short = client.post(
            "/setup", data={"password": "kort", "repeat": "kort", "csrf_token": token}
        )
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
    finally:
        hub.close()


@pytest.mark.parametrize(
    ("field", "age"),
    [("seen_at", access.IDLE_LIMIT + 5), ("login_at", access.ABSOLUTE_LIMIT + 5)],
    ids=["idle too long", "logged in too long"],
)
def test_sessions_expire(app, hub, field, age):
    client = login_test_client(app.test_client(), hub.data_dir)
    assert client.get("/api/deals").status_code == 200
    with client.session_transaction() as session:
        session[field] = time.time() - age
    assert client.get("/api/deals").status_code == 401


def test_logging_out_ends_the_session(app, hub):
    client = login_test_client(app.test_client(), hub.data_dir)
    assert client.post("/logout").status_code == 302
    assert client.get("/api/deals").status_code == 401


# --- CSRF ---------------------------------------------------------------------------------------


def hub_forms(hub) -> list[tuple[str, dict]]:
    return [
        ("/participants", {"name": "Ny deltaker", "sector": "business"}),
        ("/settings", {"name": "Endret", "venue": "X", "date": "2026-11-25"}),
        ("/pair", {}),
        ("/logout", {}),
    ]


def test_hub_forms_without_the_csrf_token_are_refused(app, hub):
    client = login_test_client(app.test_client(), hub.data_dir)
    client.environ_base.pop("HTTP_X_CSRF_TOKEN")
    before = len(hub.evening.participants)
    for path, form in hub_forms(hub):
        answer = client.post(path, data=form)
        assert answer.status_code == 403, path
        wrong = client.post(path, data={**form, "csrf_token": "forged"})
        assert wrong.status_code == 403, path
    assert len(hub.evening.participants) == before
    assert client.get("/api/deals").status_code == 200  # still logged in: logout was refused too


def test_hub_forms_with_the_token_pass_and_a_foreign_origin_does_not(app, hub):
    client = login_test_client(app.test_client(), hub.data_dir)
    token = client.environ_base.pop("HTTP_X_CSRF_TOKEN")
    form = {"name": "Ny deltaker", "sector": "business", "csrf_token": token}
    assert client.post("/participants", data=form).status_code in (200, 201, 302, 303)
    foreign = client.post("/participants", data=form, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403
    # htmx sends the token as a header (hx-headers on <body>), not as a field.
    assert (
        client.post("/pair", headers={"X-CSRF-Token": token, "HX-Request": "true"}).status_code
        == 200
    )


def test_the_login_form_itself_needs_the_token(app):
    """Login CSRF: a foreign page must not log the laptop's browser into its own session."""
    answer = app.test_client().post("/login", data={"password": TEST_PASSWORD})
    assert answer.status_code == 403


@pytest.fixture
def kiosk(tmp_path: Path, hub: Hub):
    kiosk = Kiosk(tmp_path / "kiosk")
    kiosk.absorb(hub.pull(0)["events"])
    yield kiosk
    kiosk.close()


def kiosk_form(kiosk: Kiosk) -> dict:
    a, b = sorted(kiosk.evening.participants)
    return {
        "party-0": a,
        "gives-0": "Lokale",
        "party-1": b,
        "gives-1": "Kurs",
        "category": "premises",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }


def test_kiosk_forms_without_the_csrf_token_are_refused(kiosk):
    client = kiosk_app.create_app(kiosk).test_client()
    page = client.get("/").get_data(as_text=True)
    for path in ["/deals", "/pair", "/lock"]:
        assert client.post(path, data=kiosk_form(kiosk)).status_code == 403, path
    assert kiosk.my_deals() == []
    token = csrf_token_in(page)
    answer = client.post("/deals", data={**kiosk_form(kiosk), "csrf_token": token})
    assert answer.status_code != 403


# --- headers and markup --------------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def test_pages_carry_strict_headers_and_no_inline_script(app, hub, kiosk):
    organiser = login_test_client(app.test_client(), hub.data_dir)
    broker = kiosk_app.create_app(kiosk).test_client()
    pages = [(organiser, p) for _, p in plain_get_routes(app) if not p.startswith("/api/")]
    pages += [(broker, "/"), (broker, "/pair"), (broker, "/lock")]
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
    cookie = organiser.get_cookie(f"bors-hub-{str(hub.device_id)[:8]}")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_public_pages_show_no_contact_details(app, hub):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.77"
    seen = []
    for _, path in plain_get_routes(app):
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


# --- the broker lock ------------------------------------------------------------------------------


def test_an_idle_kiosk_locks_until_the_pin_is_typed(kiosk):
    lock.set_pin(kiosk.data_dir, "4321")
    client = kiosk_app.create_app(kiosk, {"LOCK_IDLE_SECONDS": 60}).test_client()
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
    client = kiosk_app.create_app(kiosk, {"LOCK_IDLE_SECONDS": 90}).test_client()
    token = csrf_token_in(client.get("/lock").get_data(as_text=True))
    client.post("/lock", data={"pin": "4321", "csrf_token": token})
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<script src="/kiosk-static/lock.js" data-idle-ms="90000" defer>', page)
    with client.get("/kiosk-static/lock.js") as script:
        assert script.status_code == 200 and b"/lock" in script.data


def test_a_wrong_pin_many_times_pauses_the_lock(kiosk):
    lock.set_pin(kiosk.data_dir, "4321")
    client = kiosk_app.create_app(kiosk).test_client()
    token = csrf_token_in(client.get("/lock").get_data(as_text=True))
    codes = [
        client.post("/lock", data={"pin": f"{i:04d}", "csrf_token": token}).status_code
        for i in range(lock.MAX_WRONG + 1)
    ]
    assert codes[-1] == 429


# --- pairing and devices, from the organiser's side ----------------------------------------------


def test_the_pairing_page_shows_a_code_that_pairs_once_and_a_qr_code(app, hub):
    from tests.support.pairing import SealedSync

    client = login_test_client(app.test_client(), hub.data_dir)
    page = client.get("/pair").get_data(as_text=True)
    code = re.search(r'data-testid="pair-code">(\d{4}-\d{4})<', page).group(1)
    qr_path = re.search(r'<img class="pair-qr" src="([^"]+)"', page).group(1).replace("&amp;", "&")
    with client.get(qr_path) as qr:
        assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    registry = app.extensions["devices"]
    device = SealedSync(app.test_client(), hub)  # pairs with a fresh code of its own
    assert registry.get(device.device_id) is not None
    # The page's code is still good once, and only once.
    from shared.sync import envelope

    key = envelope.new_private_key()
    first_id, second_id = "11111111-1111-4111-8111-111111111111", str(uuid.uuid4())
    for device_id, expected in [(first_id, 200), (second_id, 403)]:
        mine = bytes(key.public_key)
        proof = envelope.pairing_proof(code, b"kiosk", device_id.encode(), mine)
        answer = app.test_client().post(
            "/api/pair",
            json={
                "device": device_id,
                "public_key": envelope.b64(mine),
                "proof": envelope.b64(proof),
                "name": "Nettbrett 3",
            },
        )
        assert answer.status_code == expected


def test_the_organiser_names_a_tablet_and_the_name_is_escaped(app, hub):
    from tests.support.pairing import SealedSync

    device = SealedSync(app.test_client(), hub)
    client = login_test_client(app.test_client(), hub.data_dir)
    token = client.environ_base["HTTP_X_CSRF_TOKEN"]
    name = "<b>Nettbrett 3</b>"
    answer = client.post(
        f"/devices/{device.device_id}/name", data={"name": name, "csrf_token": token}
    )
    assert answer.status_code == 302
    page = client.get("/devices").get_data(as_text=True)
    assert "&lt;b&gt;Nettbrett 3&lt;/b&gt;" in page and name not in page


@pytest.mark.parametrize(
    ("command", "secret", "check"),
    [
        (["hub", "set-password", "--password-stdin"], "sagene-2026!", password.check_password),
        (["kiosk", "set-pin", "--pin-stdin"], "2468", lock.check_pin),
    ],
    ids=["organiser password", "broker PIN"],
)
def test_secrets_are_set_from_the_command_line(tmp_path, command, secret, check):
    import subprocess
    import sys

    from tests.support.processes import ROOT

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


@pytest.mark.parametrize(
    ("next_page", "lands_on"),
    [
        ("/participants", "/participants"),
        ("//evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("http://evil.example/", "/"),
    ],
)
def test_after_login_the_organiser_lands_on_this_hub_only(app, next_page, lands_on):
    client = app.test_client()
    token = csrf_token_in(client.get("/login").get_data(as_text=True))
    answer = client.post(
        "/login",
        query_string={"next": next_page},
        data={"password": TEST_PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 302 and answer.headers["Location"] == lands_on


@pytest.mark.parametrize("path", ["/setup", "/login", "/participants", "/api/deals"])
def test_pages_asked_for_by_a_foreign_name_are_refused(tmp_path, path):
    """DNS rebinding: evil.example pointed at 127.0.0.1 must not reach /setup on first start."""
    hub = Hub(tmp_path / "fresh")
    try:
        client = hub_app.create_app(hub).test_client()
        answer = client.get(path, headers={"Host": "evil.example:8400"})
        assert answer.status_code == 403
        assert client.get(path, headers={"Host": "127.0.0.1:8400"}).status_code != 403
        assert client.get("/screen", headers={"Host": "evil.example:8400"}).status_code == 200
    finally:
        hub.close()
