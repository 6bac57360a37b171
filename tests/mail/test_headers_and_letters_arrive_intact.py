"""An invitation through the outbox to a real SMTP server: what arrives is what was written.

Message-ID (the one the send log shows), Date, From, To with its name, List-Unsubscribe with
the one-click POST (RFC 8058), and æøå in the subject, the names and the body of both parts.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr, parsedate_to_datetime

from hub.mail.audience import send_invitations
from tests.mail.conftest import invite_actors, save_links, wait_settled


def _parts(message):
    plain = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return plain, html


def test_an_invitation_arrives_with_its_headers_and_letters(
    mail_hub, mailroom, smtp_env, running_sender
):
    invite_actors(mail_hub)
    save_links(mailroom)
    with mail_hub.evening.lock.reading():
        assert send_invitations(mailroom, "voluntary", True, "nb") == 1
    wait_settled(mailroom, 1)
    (message,) = smtp_env.mailbox.messages
    (row,) = mailroom.outbox.log.rows.values()

    assert message["Message-ID"] == row.message_id
    assert row.message_id.endswith("@frivilligbors.example>")
    assert parsedate_to_datetime(message["Date"]).tzinfo is not None
    assert message["From"].addresses[0].display_name == "Frivilligbørs Nordre Aker"
    assert parseaddr(str(message["From"]))[1] == "post@frivilligbors.example"
    assert message["To"].addresses[0].display_name == "Åse Ødegård"
    assert message["To"].addresses[0].addr_spec == "ase@bjornholt.example"
    assert smtp_env.mailbox.envelopes[0] == (
        "post@frivilligbors.example",
        ["ase@bjornholt.example"],
    )

    unsubscribe = message["List-Unsubscribe"]
    assert f"<http://hub.example/mail/unsubscribe/{row.address_tag}?lang=nb>" in unsubscribe
    assert "<mailto:svar@frivilligbors.example?subject=unsubscribe>" in unsubscribe
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    assert "Frivilligbørs Sagene" in message["Subject"]
    plain, html = _parts(message)
    for part in (plain, html):
        assert "Åse Ødegård" in part
        assert "Bjørnholt Æsj-lag" in part
        assert "Sagene samfunnshus" in part
        assert f"/mail/unsubscribe/{row.address_tag}" in part
    assert "<strong>" in html and "**" not in plain
    assert row.status == "sent" and row.attempts == 1


def test_a_confirmation_is_not_unsubscribable_and_says_it_is_automatic(
    mail_hub, mailroom, smtp_env, running_sender
):
    ids = invite_actors(mail_hub)
    email_id = mailroom.outbox.queue(
        "confirmation",
        ids["pal@sovik.example"],
        "confirmation",
        {"signup_link": "http://hub.example/signup/mine/ÆØÅ-token"},
        once_key="confirmation:test",
    )
    wait_settled(mailroom, 1)
    (message,) = smtp_env.mailbox.messages
    assert message["Message-ID"] == mailroom.outbox.log.rows[email_id].message_id
    assert message["List-Unsubscribe"] is None
    assert message["Auto-Submitted"] == "auto-generated"
    plain, html = _parts(message)
    assert "http://hub.example/signup/mine/ÆØÅ-token" in plain
    assert "Pål Håkonsen" in plain and "Pål Håkonsen" in html


def test_the_same_once_key_queues_one_email(mail_hub, mailroom):
    ids = invite_actors(mail_hub)
    first = mailroom.outbox.queue(
        "confirmation", ids["pal@sovik.example"], "confirmation", {}, once_key="c:1"
    )
    again = mailroom.outbox.queue(
        "confirmation", ids["pal@sovik.example"], "confirmation", {}, once_key="c:1"
    )
    assert first == again
    assert mailroom.outbox.log.counts()["queued"] == 1


def test_the_content_of_a_settled_email_is_forgotten_after_the_keeping_time(
    mail_hub, mailroom, smtp_env, running_sender, organiser_client
):
    ids = invite_actors(mail_hub)
    email_id = mailroom.outbox.queue(
        "confirmation", ids["pal@sovik.example"], "confirmation", {}, once_key="c:keep"
    )
    wait_settled(mailroom, 1)
    row = mailroom.outbox.log.rows[email_id]
    assert mailroom.outbox.purge(90) == 0  # sent just now: kept
    assert mailroom.outbox.opened(row)["to"] == "pal@sovik.example"
    later = row.settled_at + dt.timedelta(days=91)
    assert mailroom.outbox.purge(90, at=later) == 1
    assert mailroom.outbox.opened(row) is None
    page = organiser_client.get(f"/mail/log/{email_id}").get_data(as_text=True)
    assert "innholdet er slettet" in page and "pal@sovik.example" not in page
    assert row.status == "sent"  # the log keeps what happened


def test_mail_queued_before_smtp_was_set_up_gets_the_senders_domain_in_its_message_id(
    mail_hub, mailroom, smtp_server, monkeypatch
):
    ids = invite_actors(mail_hub)
    email_id = mailroom.outbox.queue(
        "confirmation", ids["pal@sovik.example"], "confirmation", {}, once_key="c:early"
    )
    assert mailroom.outbox.log.rows[email_id].message_id.endswith("@frivilligbors.invalid>")
    for name, value in smtp_server.env().items():
        monkeypatch.setenv(name, value)
    mailroom.start()
    try:
        wait_settled(mailroom, 1)
    finally:
        mailroom.stop()
    (message,) = smtp_server.mailbox.messages
    row = mailroom.outbox.log.rows[email_id]
    assert message["Message-ID"] == row.message_id
    assert row.message_id == f"<{email_id.replace('-', '')}@frivilligbors.example>"
