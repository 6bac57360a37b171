"""What the server refuses, and a server that is not there: each email's fate is on the send
log in words with the server's own reply, the rest of the mail goes on or waits, and nothing
else in the hub waits for it. A real aiosmtpd server each time."""

from __future__ import annotations

import json
import socket
import time
from itertools import pairwise

from hub.mail import address_refused
from hub.mail.audience import SKIP_REFUSED, invitation_round, send_invitations
from tests.mail.conftest import invite_actors, many_actors, wait_settled
from tests.mail.smtp_server import PASSWORD, SmtpServer
from tests.support.processes import free_port, wait_until


def _row(mailroom, participant_id):
    (row,) = mailroom.outbox.log.for_participant(participant_id)
    return row


def _invite_all(mail_hub, mailroom) -> None:
    with mail_hub.evening.lock.reading():
        for sector in ("voluntary", "public", "business"):
            send_invitations(mailroom, sector, True, "nb")


def test_a_refused_login_holds_the_mail_until_the_password_is_right(
    mail_hub, mailroom, monkeypatch
):
    server = SmtpServer(login=True).start()
    try:
        for name, value in server.env(BORS_SMTP_PASSWORD="feil-passord").items():
            monkeypatch.setenv(name, value)
        ids = invite_actors(mail_hub)
        mailroom.start()
        _invite_all(mail_hub, mailroom)
        wait_until(lambda: mailroom.sender.state.code == "login_refused")
        first = min(mailroom.outbox.log.rows.values(), key=lambda row: row.position)
        wait_until(lambda: first.error_code == "login_refused")
        assert "535" in first.error_detail  # the server's own words, on the send log
        assert mailroom.outbox.log.counts()["queued"] == 3
        assert server.mailbox.count() == 0

        monkeypatch.setenv("BORS_SMTP_PASSWORD", PASSWORD)  # æøå in it: AUTH PLAIN in UTF-8
        wait_settled(mailroom, 3)
        assert server.mailbox.count() == 3
        assert {_row(mailroom, pid).status for pid in ids.values()} == {"sent"}
        assert mailroom.sender.state.code == ""
    finally:
        mailroom.stop()
        server.stop()


def test_a_refused_recipient_fails_that_email_and_marks_the_address(
    mail_hub, mailroom, mail_app, smtp_env, running_sender, organiser_client
):
    ids = invite_actors(mail_hub)
    smtp_env.mailbox.refuse_recipients = {"ase@bjornholt.example"}
    _invite_all(mail_hub, mailroom)
    wait_settled(mailroom, 3)

    refused = _row(mailroom, ids["ase@bjornholt.example"])
    assert (refused.status, refused.error_code) == ("failed", "recipient_refused")
    assert refused.error_detail.startswith("550")
    assert refused.attempts == 1  # a 5xx is not tried again
    assert {_row(mailroom, ids[a]).status for a in ids if a != "ase@bjornholt.example"} == {"sent"}
    assert mailroom.outbox.refused(ids["ase@bjornholt.example"], "ase@bjornholt.example")
    with mail_app.app_context():
        said = address_refused(ids["ase@bjornholt.example"], "ase@bjornholt.example")
        assert said.startswith("550") and "ase@" not in said
        assert address_refused(ids["ase@bjornholt.example"], "ny@bjornholt.example") == ""
    # The register marks the address as failing on the participant's page, in the server's words.
    page = organiser_client.get(f"/participants/{ids['ase@bjornholt.example']}").get_data(True)
    assert 'data-testid="mail-refused"' in page and "550" in page
    other = organiser_client.get(f"/participants/{ids['pal@sovik.example']}").get_data(True)
    assert 'data-testid="mail-refused"' not in other
    with mail_hub.evening.lock.reading():
        (candidate,) = invitation_round(mailroom, "voluntary")
    # Next year's round (another once key) would not try the refused address again either.
    assert candidate.skip in ("already_sent", SKIP_REFUSED)


def test_a_deferred_recipient_is_tried_again_later(mail_hub, mailroom, smtp_env, running_sender):
    ids = invite_actors(mail_hub)
    smtp_env.mailbox.defer_recipients = {"pal@sovik.example"}
    _invite_all(mail_hub, mailroom)
    wait_settled(mailroom, 2)
    deferred = _row(mailroom, ids["pal@sovik.example"])
    wait_until(lambda: deferred.error_code == "recipient_deferred")
    assert deferred.status == "queued" and deferred.retry_at is not None
    smtp_env.mailbox.defer_recipients = set()
    wait_settled(mailroom, 3)
    assert deferred.status == "sent" and deferred.attempts == 2


def test_a_server_that_is_down_makes_mail_wait_and_nothing_else(
    mail_hub, mailroom, organiser_client, monkeypatch
):
    port = free_port()
    server = SmtpServer(port=port)
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    ids = invite_actors(mail_hub)
    mailroom.start()
    try:
        _invite_all(mail_hub, mailroom)
        wait_until(lambda: mailroom.sender.state.phase == "waiting")
        assert mailroom.sender.state.code == "unreachable"
        started = time.monotonic()
        api = organiser_client.get("/api/outbox").get_json()
        page = organiser_client.get("/mail")
        assert time.monotonic() - started < 3.0  # the pages do not wait for the server
        assert api["counts"]["queued"] == 3 and api["sender"]["phase"] == "waiting"
        assert api["sender"]["error"]["code"] == "unreachable"
        assert "serveren svarer ikke" in page.get_data(as_text=True)

        server.start()  # the venue's network comes back: the next retry finds it
        wait_settled(mailroom, 3, timeout=40)  # the backoff may have grown to some seconds
        assert server.mailbox.count() == 3
        assert {_row(mailroom, pid).status for pid in ids.values()} == {"sent"}
    finally:
        mailroom.stop()
        server.stop()


def test_with_no_smtp_settings_mail_waits_quietly(mail_hub, mailroom, organiser_client):
    invite_actors(mail_hub)
    mailroom.start()
    try:
        _invite_all(mail_hub, mailroom)
        wait_until(lambda: mailroom.sender.state.phase == "not_configured")
        api = organiser_client.get("/api/outbox").get_json()
        assert api["configured"] is False and api["counts"]["queued"] == 3
        assert "Ingen SMTP-server" in organiser_client.get("/mail").get_data(as_text=True)
    finally:
        mailroom.stop()


def test_a_server_that_never_answers_holds_up_no_page_and_no_queueing(
    mail_hub, mailroom, organiser_client, monkeypatch
):
    """The venue's network without internet: the connection opens and nothing answers."""
    silent = socket.create_server(("127.0.0.1", 0))
    port = silent.getsockname()[1]
    for name, value in SmtpServer(port=port).env(BORS_MAIL_TIMEOUT_SECONDS="3").items():
        monkeypatch.setenv(name, value)
    ids = invite_actors(mail_hub)
    mailroom.start()
    try:
        mailroom.outbox.queue("confirmation", ids["pal@sovik.example"], "confirmation", {}, "c1")
        time.sleep(0.3)  # the sender is now waiting on the silent server
        started = time.monotonic()
        for path in ("/api/outbox", "/mail", "/mail/invitations", "/participants"):
            assert organiser_client.get(path).status_code == 200, path
        mailroom.outbox.queue(
            "confirmation", ids["ase@bjornholt.example"], "confirmation", {}, "c2"
        )
        assert time.monotonic() - started < 2.0
        assert mailroom.outbox.log.counts()["queued"] + mailroom.outbox.log.counts()["sending"] == 2
        wait_until(lambda: mailroom.sender.state.code in ("unreachable", "no_answer"), timeout=10)
    finally:
        mailroom.stop()
        silent.close()


def test_the_servers_sending_limit_spaces_the_emails(mail_hub, mailroom, smtp_env, monkeypatch):
    """A provider's limit of emails per minute (here 300: one every 0.2 s) is kept."""
    current = mailroom.settings.saved()
    current["per_minute"] = 300
    mailroom.settings.path.write_text(json.dumps(current))
    invite_actors(mail_hub, many_actors(5))
    mailroom.start()
    try:
        _invite_all(mail_hub, mailroom)
        wait_settled(mailroom, 5)
    finally:
        mailroom.stop()
    arrived = smtp_env.mailbox.arrived_at
    assert len(arrived) == 5
    assert min(b - a for a, b in pairwise(arrived)) >= 0.15  # one every 0.2 s
