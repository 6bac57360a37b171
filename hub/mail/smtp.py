"""One conversation with the SMTP server, and what each refusal means (stable codes).

A problem has a *scope*: ``server`` when the hub itself cannot send (unreachable, TLS, the
login or the sender address refused, the line dropped) so every email waits and the sender
backs off; ``message`` when the server refused this one email (its recipient or its content),
so the others go on. ``permanent`` (a 5xx) means this email will not go by trying again.
"""

from __future__ import annotations

import base64
import os
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import parseaddr

from hub.mail.settings import MailSettings

TIMEOUT = 30.0  # a server that answers nothing (a venue's network without internet)


def timeout() -> float:
    """How long one SMTP step may take (``BORS_MAIL_TIMEOUT_SECONDS``, 30 s by default)."""
    try:
        return max(0.1, float(os.environ.get("BORS_MAIL_TIMEOUT_SECONDS", TIMEOUT)))
    except ValueError:
        return TIMEOUT


SERVER, MESSAGE = "server", "message"

# Every problem code a send can end with (the send log shows each in words).
CODES = (
    "unreachable",
    "tls_failed",
    "login_refused",
    "sender_refused",
    "recipient_refused",
    "recipient_deferred",
    "message_refused",
    "message_deferred",
    "no_answer",
    "starttls_missing",
    "login_not_offered",
    "recipient_unsupported",
    "message_invalid",
)


class SmtpProblem(Exception):
    def __init__(self, code: str, detail: str, scope: str, permanent: bool = False):
        super().__init__(f"{code}: {detail}")
        self.code, self.detail, self.scope, self.permanent = code, detail, scope, permanent


def _said(code: int, text: bytes | str, recipient: str = "") -> str:
    """The server's reply in one line; the recipient's address left out, since the send log
    keeps addresses sealed only (servers repeat it: "550 <kari@…>: User unknown")."""
    words = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    line = f"{code} {' '.join(words.split())}"
    if recipient:
        line = re.sub(re.escape(recipient), "(recipient)", line, flags=re.IGNORECASE)
    return line[:300]


class SmtpSession:
    def __init__(self, settings: MailSettings, timeout_seconds: float | None = None):
        self.settings = settings
        self.timeout = timeout_seconds or timeout()
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSession:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        s = self.settings
        try:
            if s.security == "tls":
                context = ssl.create_default_context()
                smtp = smtplib.SMTP_SSL(s.host, s.smtp_port, timeout=self.timeout, context=context)
            else:
                smtp = smtplib.SMTP(s.host, s.smtp_port, timeout=self.timeout)
            self._smtp = smtp
            smtp.ehlo()
            if s.security == "starttls":
                self._starttls(smtp)
        except SmtpProblem:
            self.close()
            raise
        except ssl.SSLError as error:
            self.close()
            raise SmtpProblem("tls_failed", str(error), SERVER) from None
        except smtplib.SMTPResponseException as error:
            self.close()
            said = _said(error.smtp_code, error.smtp_error)
            raise SmtpProblem("unreachable", said, SERVER) from None
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise SmtpProblem("unreachable", f"{s.host}:{s.smtp_port}: {error}", SERVER) from None
        self._login()

    def _starttls(self, smtp: smtplib.SMTP) -> None:
        if not smtp.has_extn("starttls"):
            raise SmtpProblem("starttls_missing", "", SERVER)
        smtp.starttls(context=ssl.create_default_context())
        smtp.ehlo()

    def _login(self) -> None:
        s = self.settings
        if not s.user:
            return
        try:
            if (s.user + s.password).isascii():
                self._smtp.login(s.user, s.password)
            else:
                self._login_utf8(s.user, s.password)
        except smtplib.SMTPAuthenticationError as error:
            self.close()
            said = _said(error.smtp_code, error.smtp_error)
            raise SmtpProblem("login_refused", said, SERVER) from None
        except smtplib.SMTPNotSupportedError:
            self.close()
            raise SmtpProblem("login_not_offered", "", SERVER) from None
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise SmtpProblem("unreachable", str(error), SERVER) from None

    def _login_utf8(self, user: str, password: str) -> None:
        """AUTH PLAIN in UTF-8 (RFC 4616): smtplib encodes credentials as ASCII, and a password
        with æ, ø or å is common here."""
        smtp = self._smtp
        if "plain" not in (smtp.esmtp_features.get("auth") or "").lower().split():
            raise smtplib.SMTPNotSupportedError("AUTH PLAIN is not offered")
        token = base64.b64encode(f"\0{user}\0{password}".encode()).decode()
        code, said = smtp.docmd("AUTH", f"PLAIN {token}")
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, said)

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def send(self, message: EmailMessage, recipient: str) -> str:
        """Deliver one email to one recipient; the server's final reply, or :class:`SmtpProblem`."""
        if self._smtp is None:
            raise SmtpProblem("unreachable", "not connected", SERVER)
        try:
            return self._exchange(message, recipient)
        except smtplib.SMTPServerDisconnected as error:
            self.close()
            raise SmtpProblem("no_answer", str(error), SERVER) from None
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise SmtpProblem("no_answer", str(error), SERVER) from None

    def _exchange(self, message: EmailMessage, recipient: str) -> str:
        smtp = self._smtp
        sender = parseaddr(self.settings.from_address)[1]
        international = not (sender + recipient).isascii()
        options = []
        if international:
            if not smtp.has_extn("smtputf8"):
                raise SmtpProblem("recipient_unsupported", "", MESSAGE, True)
            options = ["SMTPUTF8", "BODY=8BITMIME"]
        try:
            flat = message.as_bytes(policy=SMTPUTF8 if international else SMTP)
        except (ValueError, TypeError, LookupError) as error:  # a header that cannot be written
            raise SmtpProblem("message_invalid", str(error), MESSAGE, True) from None
        code, said = smtp.mail(sender, options)
        if code != 250:
            smtp.rset()
            login = code in (530, 535)
            raise SmtpProblem(
                "login_refused" if login else "sender_refused", _said(code, said), SERVER
            )
        code, said = smtp.rcpt(recipient)
        if code not in (250, 251):
            smtp.rset()
            permanent = code >= 500
            name = "recipient_refused" if permanent else "recipient_deferred"
            raise SmtpProblem(name, _said(code, said, recipient), MESSAGE, permanent)
        try:
            code, said = smtp.data(flat)
        except smtplib.SMTPDataError as error:
            code, said = error.smtp_code, error.smtp_error
        if code != 250:
            smtp.rset()
            permanent = code >= 500
            name = "message_refused" if permanent else "message_deferred"
            raise SmtpProblem(name, _said(code, said, recipient), MESSAGE, permanent)
        return _said(code, said, recipient)
