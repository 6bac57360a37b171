"""A real SMTP server for the mail tests (aiosmtpd on loopback), and what arrived at it.

It can refuse the login, refuse chosen recipients, hang up after a message's data (the case
where the hub cannot know whether the email went), and be stopped and started on its port.
"""

from __future__ import annotations

import base64
import email
import email.policy
import ssl
import subprocess
import threading
import time
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.support.processes import free_port

USER, PASSWORD = "arrangor", "hemmelig-æøå"


class Mailbox:
    """The handler: keeps every message that the server accepted."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse_recipients: set[str] = set()
        self.defer_recipients: set[str] = set()
        self.delay = 0.0
        self.password = PASSWORD
        self.arrived_at: list[float] = []  # time.monotonic() of each message taken

    async def handle_AUTH(self, server, session, envelope, args):
        """AUTH PLAIN with its initial response (what smtplib and the hub send), checked here:
        aiosmtpd's own authenticator path sets a deprecated attribute (a warning is an error
        in these tests) and leaves a refused login unanswered unless told otherwise."""
        if len(args) != 2 or args[0].upper() != "PLAIN":
            return "504 5.5.4 Unrecognized authentication type"
        try:
            _, user, password = base64.b64decode(args[1]).decode().split("\0")
        except ValueError:
            return "501 5.5.2 Cannot decode response"
        if (user, password) != (USER, self.password):
            return "535 5.7.8 Authentication credentials invalid"
        session.authenticated = True
        return "235 2.7.0 Authentication successful"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse_recipients:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        if address.lower() in self.defer_recipients:
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.arrived_at.append(time.monotonic())
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 2.0.0 Ok: queued"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def by_message_id(self) -> dict[str, int]:
        seen: dict[str, int] = {}
        with self.lock:
            for message in self.messages:
                seen[message["Message-ID"]] = seen.get(message["Message-ID"], 0) + 1
        return seen


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl): (certificate, key). A hub trusts it
    only when SSL_CERT_FILE names it, as a venue's own CA would be installed."""
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class SmtpServer:
    """``tls``: None (plain), "starttls" (offered and required before MAIL) or "tls" (implicit,
    from the first byte), with the certificate of :func:`make_certificate`."""

    def __init__(
        self,
        login: bool = False,
        port: int | None = None,
        tls: str | None = None,
        certificate: tuple[Path, Path] | None = None,
    ):
        self.mailbox = Mailbox()
        self.port = port or free_port()
        self.login = login
        self.tls = tls
        self.certificate = certificate
        self.controller: Controller | None = None

    def _tls_options(self) -> dict:
        if self.tls is None:
            return {}
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*map(str, self.certificate))
        if self.tls == "starttls":
            return {"tls_context": context, "require_starttls": True}
        return {"ssl_context": context}

    def start(self) -> SmtpServer:
        options = {}
        if self.login:
            # Any authenticator makes aiosmtpd offer AUTH; Mailbox.handle_AUTH does the checking.
            options = {
                "authenticator": lambda *args: AuthResult(success=False, handled=False),
                "auth_required": False,  # True warns without TLS; a wrong login still fails
                "auth_require_tls": False,
                "auth_exclude_mechanism": ["LOGIN"],
            }
        options.update(self._tls_options())
        self.controller = Controller(
            self.mailbox,
            hostname="127.0.0.1",
            port=self.port,
            enable_SMTPUTF8=True,
            **options,
        )
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def env(self, **extra: str) -> dict[str, str]:
        """The hub's environment that points it at this server."""
        env = {
            "BORS_SMTP_HOST": "127.0.0.1",
            "BORS_SMTP_PORT": str(self.port),
            "BORS_SMTP_TLS": self.tls or "none",
            "BORS_SMTP_FROM": "Frivilligbørs Nordre Aker <post@frivilligbors.example>",
            "BORS_MAIL_RETRY_SECONDS": "0.2",
        }
        if self.login:
            env.update({"BORS_SMTP_USER": USER, "BORS_SMTP_PASSWORD": PASSWORD})
        env.update(extra)
        return env
