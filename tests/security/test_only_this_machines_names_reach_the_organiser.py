"""Issue 11, item 15: the DNS-rebinding check lets through only this machine's own names and
addresses. Before the fix any name ending in ``.local`` passed, so a page on the guest's own
``attacker.local`` could choose the organiser's password through ``/setup`` on a new hub."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

import hub as hub_web
from hub.auth.password import password_is_set
from hub.service import Hub
from tests.security.conftest import page_token

FOREIGN = ["attacker.local", "evil.example", "localhost.evil.example", "10.255.255.1", "[fe80::1]"]


@pytest.fixture
def new_hub(tmp_path: Path):
    """A hub started for the first time: no organiser password yet."""
    hub = Hub(tmp_path / "new-hub")
    yield hub
    hub.close()


@pytest.mark.parametrize("name", FOREIGN)
def test_a_foreign_name_cannot_choose_the_password_on_a_new_hub(new_hub, name):
    client = hub_web.create_app(new_hub).test_client()
    host = {"Host": f"{name}:8400"}
    assert client.get("/setup", headers=host).status_code == 403
    token = page_token(client, "/setup")  # even with a token got from the right name
    answer = client.post(
        "/setup",
        headers=host,
        data={"password": "attacker-chose", "repeat": "attacker-chose", "csrf_token": token},
    )
    assert answer.status_code == 403
    assert not password_is_set(new_hub.data_dir)


@pytest.mark.parametrize("name", FOREIGN)
def test_a_foreign_name_reaches_no_organiser_page(organiser, name):
    for path in ["/login", "/participants", "/api/deals", "/export.csv"]:
        answer = organiser.get(path, headers={"Host": f"{name}:8400"})
        assert answer.status_code == 403, (name, path)


def _own_names() -> list[str]:
    short = socket.gethostname().split(".")[0]
    return ["localhost", "127.0.0.1", "[::1]", short, f"{short}.local", socket.gethostname()]


@pytest.mark.parametrize("name", _own_names())
def test_this_machines_own_names_and_addresses_pass(hub_app, organiser, name):
    cookie_name = hub_app.config["SESSION_COOKIE_NAME"]
    cookie = f"{cookie_name}={organiser.get_cookie(cookie_name).value}"  # sent to any name
    answer = hub_app.test_client(use_cookies=False).get(
        "/participants", headers={"Host": f"{name}:8400", "Cookie": cookie}
    )
    assert answer.status_code == 200


def test_the_screen_answers_any_name(hub_app):
    """Public pages hold nothing a rebinding page could not read anyway."""
    assert (
        hub_app.test_client().get("/screen", headers={"Host": "attacker.local"}).status_code == 200
    )


@pytest.mark.parametrize("host", ["[", "[::1", "127.0.0.1:99999", "a b", "%00", "", "..", "*"])
def test_an_unreadable_host_is_refused_not_a_500(hub_app, host):
    answer = hub_app.test_client().get("/login", headers={"Host": host})
    assert answer.status_code in (400, 403), (host, answer.status_code)
