"""A real hub process SIGKILLed twice while it sends an invitation round of 200 emails to a real
SMTP server, and restarted each time: every email arrives, and a second copy only inside the
window docs/mail.md gives (the server took the message, the hub died before it wrote "sent"):
at most one per kill, with the same Message-ID, and counted by the hub as unconfirmed."""

from __future__ import annotations

import signal

import pytest

from tests.mail.rounds import post_round, seed_invitees
from tests.mail.smtp_server import SmtpServer
from tests.support.auth import login_session
from tests.support.processes import wait_until

ROUND = 200
KILLS_AT = (50, 120)  # emails arrived when the hub is killed


def _outbox(session, url: str) -> dict:
    return session.get(f"{url}/api/outbox?limit=1", timeout=5).json()


@pytest.mark.slow
def test_a_hub_killed_while_sending_delivers_every_email_once_but_for_the_window(
    tmp_path, programs
):
    server = SmtpServer().start()
    server.mailbox.delay = 0.01  # a server that takes its time, so a kill lands mid-exchange
    try:
        data = tmp_path / "hub"
        seed_invitees(data, ROUND)
        env = server.env()

        running = programs.hub(data, env=env)
        session = login_session(running.url)
        answer = post_round(session, running.url)
        assert answer.status_code == 302, answer.text[:500]

        for arrived in KILLS_AT:
            wait_until(lambda n=arrived: server.mailbox.count() >= n, timeout=60)
            running.kill(signal.SIGKILL)
            assert server.mailbox.count() < ROUND + len(KILLS_AT)
            running = programs.hub(data, port=running.port, env=env)

        session = login_session(running.url)
        wait_until(lambda: _outbox(session, running.url)["counts"]["sent"] == ROUND, timeout=90)
        outbox = _outbox(session, running.url)
    finally:
        server.stop()

    copies = server.mailbox.by_message_id()
    assert len(copies) == ROUND  # every email of the round arrived
    duplicates = sum(n - 1 for n in copies.values())
    print(f"\n{ROUND} emails, {len(KILLS_AT)} kills: {duplicates} second copies")
    assert duplicates <= len(KILLS_AT)  # at most the one in flight at each kill
    assert outbox["counts"] == {
        "queued": 0,
        "sending": 0,
        "sent": ROUND,
        "failed": 0,
        "withheld": 0,
    }
    # Each second copy was sent again after a cut-off exchange, and the hub says so.
    assert duplicates <= outbox["unconfirmed_resends"] <= len(KILLS_AT)
    recipients = [rcpts[0] for _, rcpts in server.mailbox.envelopes]
    assert set(recipients) == {f"lag{n}@arvoll.example" for n in range(ROUND)}


@pytest.mark.slow
def test_a_hub_stopped_with_sigterm_finishes_the_email_in_flight_and_leaves_no_doubt(
    tmp_path, programs
):
    server = SmtpServer().start()
    server.mailbox.delay = 0.01
    try:
        data = tmp_path / "hub"
        seed_invitees(data, 60)
        running = programs.hub(data, env=server.env())
        assert post_round(login_session(running.url), running.url).status_code == 302
        wait_until(lambda: server.mailbox.count() >= 20, timeout=60)
        running.stop()  # SIGTERM, as Ctrl-C or a service manager stops it
        assert running.process.returncode == 0
        running = programs.hub(data, port=running.port, env=server.env())
        session = login_session(running.url)
        wait_until(lambda: _outbox(session, running.url)["counts"]["sent"] == 60, timeout=60)
        outbox = _outbox(session, running.url)
    finally:
        server.stop()
    copies = server.mailbox.by_message_id()
    assert len(copies) == 60 and sum(copies.values()) == 60  # not one second copy
    assert outbox["unconfirmed_resends"] == 0  # nothing was left half-sent
