"""Issue 11, item 22: the kiosk answers only its own names (DNS rebinding could read the
participant list on a tablet with no PIN); a locked kiosk does not tell its device id or its
hub's fingerprint; opening the hub's pairing page again does not make another live code."""

from __future__ import annotations

import re
import sqlite3
import time

import pytest

from kiosk import lock, pairing
from shared.sync import envelope
from tests.security.conftest import page_token

FOREIGN = ["attacker.local", "evil.example", "10.255.255.1"]


@pytest.mark.parametrize("name", FOREIGN)
@pytest.mark.parametrize("path", ["/", "/api/participants", "/api/deals", "/pair"])
def test_a_foreign_name_reads_nothing_on_the_kiosk(kiosk_app, name, path):
    answer = kiosk_app.test_client().get(path, headers={"Host": f"{name}:8500"})
    assert answer.status_code == 403, (name, path)
    assert "Sagene" not in answer.get_data(as_text=True)


def test_the_kiosk_answers_its_own_names(kiosk_app):
    for host in ["127.0.0.1:8500", "localhost:8500", "[::1]:8500"]:
        answer = kiosk_app.test_client().get("/api/participants", headers={"Host": host})
        assert answer.status_code == 200, host


def _facts(client) -> str:
    status = client.get("/api/status")
    assert status.status_code == 200  # the sync state stays readable, locked or not
    return status.get_data(as_text=True) + client.get("/api/pairing").get_data(as_text=True)


def test_a_locked_kiosk_does_not_say_who_it_is(kiosk, kiosk_app):
    hub_key = envelope.new_private_key().public_key
    credentials = pairing.Credentials(
        device_id=str(kiosk.device_id),
        device_key=envelope.new_private_key(),
        hub_id="11111111-2222-4333-8444-555555555555",
        hub_public_key=hub_key,
        hub_url="http://127.0.0.1:9",
    )
    pairing._save(kiosk.data_dir, credentials)  # as pairing leaves it
    secrets = [str(kiosk.device_id), credentials.hub_id, credentials.hub_fingerprint]
    open_facts = _facts(kiosk_app.test_client())
    assert all(s in open_facts for s in secrets)  # no PIN, no lock: the tablet says who it is
    lock.set_pin(kiosk.data_dir, "2468")
    facts = _facts(kiosk_app.test_client())
    assert not [s for s in secrets if s in facts]
    broker = kiosk_app.test_client()
    token = page_token(broker, "/lock")
    assert broker.post("/lock", data={"pin": "2468", "csrf_token": token}).status_code == 302
    assert all(s in _facts(broker) for s in secrets)  # unlocked, the broker sees it again


def _live_codes(hub) -> int:
    with sqlite3.connect(hub.data_dir / "devices.sqlite") as db:
        return db.execute(
            "SELECT count(*) FROM pair_codes WHERE used_at IS NULL AND expires_at > ?",
            (time.time(),),
        ).fetchone()[0]


def _shown_code(page: str) -> str:
    return re.search(r"\b(\d{4}-\d{4})\b", page).group(1)


def test_opening_the_pairing_page_again_shows_the_same_code(organiser, hub):
    pages = [organiser.get("/pair").get_data(as_text=True) for _ in range(10)]
    assert len({_shown_code(page) for page in pages}) == 1
    assert _live_codes(hub) == 1
    fresh = organiser.post("/pair").get_data(as_text=True)  # the "new code" button
    assert _shown_code(fresh) != _shown_code(pages[0])
    assert _shown_code(organiser.get("/pair").get_data(as_text=True)) == _shown_code(fresh)


@pytest.mark.parametrize("host", ["..", "[", "a b"])
def test_an_unreadable_host_is_refused_by_the_kiosk_not_a_500(kiosk_app, host):
    for path in ["/", "/api/status"]:
        answer = kiosk_app.test_client().get(path, headers={"Host": host})
        assert answer.status_code in (400, 403), (host, path, answer.status_code)
