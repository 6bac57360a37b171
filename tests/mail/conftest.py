"""The mail room's fixtures: a real SMTP server (aiosmtpd), a hub with actors to write to, its
app logged in as the organiser, and the sender thread running against that server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hub import create_app
from hub.participants import register
from hub.service import Hub
from shared.core.files import write_private
from tests.mail.rounds import many_actors
from tests.mail.smtp_server import SmtpServer
from tests.support.auth import login_test_client
from tests.support.evenings import SAGENE_EVENING
from tests.support.processes import wait_until

# Names with the letters a Norwegian register is full of: they must arrive as typed.
ACTORS = (
    ("Bjørnholt Æsj-lag", "voluntary", "Åse Ødegård", "ase@bjornholt.example"),
    ("Grünerløkka Bydelshus", "public", "Øystein Ærø", "oystein@bydel.example"),
    ("Snekker Søvik AS", "business", "Pål Håkonsen", "pal@sovik.example"),
)


__all__ = ["many_actors"]  # the process test's actors, from tests.mail.rounds


def invite_actors(hub: Hub, actors=ACTORS) -> dict[str, str]:
    """The actor list as the organiser types or imports it: invitees, not signed up."""
    ids = {}
    for name, sector, person, email in actors:
        ids[email] = register.invite(
            hub, {"name": name, "sector": sector, "contact_person": person, "email": email}
        )
    return ids


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_env(smtp_server, monkeypatch):
    """The hub's SMTP settings from the environment, pointing at ``smtp_server``."""
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("BORS_SMTP_PASSWORD", "")
    return smtp_server


@pytest.fixture
def mail_hub(tmp_path: Path):
    hub = Hub(tmp_path / "hub")
    hub.schedule_evening(SAGENE_EVENING)
    yield hub
    hub.close()


@pytest.fixture
def mail_app(mail_hub: Hub):
    app = create_app(mail_hub)
    yield app
    app.extensions["mail"].close()


@pytest.fixture
def mailroom(mail_app):
    return mail_app.extensions["mail"]


@pytest.fixture
def organiser_client(mail_app, mail_hub: Hub):
    return login_test_client(mail_app.test_client(), mail_hub.data_dir)


@pytest.fixture
def running_sender(mailroom):
    """The sender thread, as ``bors hub`` starts it; stopped after the test."""
    mailroom.start()
    yield mailroom.sender
    mailroom.stop()


def save_links(mailroom, public_url: str = "http://hub.example") -> None:
    """The hub's public address (for the unsubscribe link) saved as the organiser would."""
    current = mailroom.settings.saved()
    current.update({"public_url": public_url, "reply_to": "svar@frivilligbors.example"})
    write_private(mailroom.settings.path, json.dumps(current))


def wait_delivered(server: SmtpServer, count: int, timeout: float = 15.0) -> None:
    wait_until(lambda: server.mailbox.count() >= count, timeout=timeout)


def wait_settled(mailroom, count: int, timeout: float = 15.0) -> None:
    """Until ``count`` emails reached an end (sent, failed for good or withheld)."""

    def settled() -> bool:
        counts = mailroom.outbox.log.counts()
        return counts["sent"] + counts["failed"] + counts["withheld"] >= count

    wait_until(settled, timeout=timeout)
