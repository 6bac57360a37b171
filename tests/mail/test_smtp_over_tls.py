"""STARTTLS and TLS to a real server with a certificate of its own: the email goes encrypted
when the certificate is trusted, and an untrusted one stops the mail with "tls_failed" in the
organiser's words (never a silent fallback to plain text)."""

from __future__ import annotations

import pytest

from tests.mail.conftest import invite_actors, wait_settled
from tests.mail.smtp_server import SmtpServer, make_certificate
from tests.support.processes import wait_until


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.mark.parametrize("tls", ["starttls", "tls"])
def test_mail_goes_encrypted_to_a_trusted_server(tls, certificate, mail_hub, mailroom, monkeypatch):
    server = SmtpServer(login=True, tls=tls, certificate=certificate).start()
    try:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # the venue's own CA
        ids = invite_actors(mail_hub)
        mailroom.outbox.queue(
            "confirmation", ids["ase@bjornholt.example"], "confirmation", {}, once_key="c"
        )
        mailroom.start()
        wait_settled(mailroom, 1)
        (row,) = mailroom.outbox.log.rows.values()
        assert row.status == "sent"
        assert server.mailbox.messages[0]["To"].addresses[0].display_name == "Åse Ødegård"
    finally:
        mailroom.stop()
        server.stop()


def test_an_untrusted_certificate_stops_the_mail_with_a_clear_reason(
    certificate, mail_hub, mailroom, monkeypatch
):
    server = SmtpServer(tls="starttls", certificate=certificate).start()
    try:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
        ids = invite_actors(mail_hub)
        mailroom.outbox.queue(
            "confirmation", ids["ase@bjornholt.example"], "confirmation", {}, once_key="c"
        )
        mailroom.start()
        wait_until(lambda: mailroom.sender.state.code == "tls_failed")
        assert "CERTIFICATE_VERIFY_FAILED" in mailroom.sender.state.detail
        assert server.mailbox.count() == 0
        assert mailroom.outbox.log.counts()["queued"] == 1
    finally:
        mailroom.stop()
        server.stop()
