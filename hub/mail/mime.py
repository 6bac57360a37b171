"""One sealed email made into the message that goes over SMTP, with its headers.

``From`` and ``Reply-To`` are the settings of the moment (a fixed sender address applies to
mail already waiting); ``Message-ID`` is the one fixed when the email was queued, the same on
every attempt, so a rare second copy after a crash is recognisable as the same message.
No tracking pixel, no rewritten links: the message is what the organiser wrote.
"""

from __future__ import annotations

import base64
import datetime as dt
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr

from hub.mail.domain import UNSUBSCRIBABLE_KINDS
from hub.mail.drafts import unsubscribe_url
from hub.mail.settings import MailSettings


def _address(header: str) -> Address | str:
    name, address = parseaddr(header)
    if not address:
        return header
    username, _, domain = address.rpartition("@")
    return Address(display_name=name, username=username, domain=domain)


def build(
    payload: dict,
    message_id: str,
    kind: str,
    address_tag: str,
    lang: str,
    settings: MailSettings,
    now: dt.datetime,
) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["Subject"] = payload["subject"]
    message["From"] = _address(settings.from_address)
    to = payload["to"]
    username, _, domain = to.rpartition("@")
    message["To"] = Address(
        display_name=payload.get("to_name", ""), username=username, domain=domain
    )
    if settings.reply_to:
        message["Reply-To"] = _address(settings.reply_to)
    message["Date"] = format_datetime(now.astimezone())
    message["Message-ID"] = message_id
    message["Content-Language"] = lang
    if kind in UNSUBSCRIBABLE_KINDS:
        _unsubscribe_headers(message, settings, address_tag, lang)
    else:
        message["Auto-Submitted"] = "auto-generated"
    message.set_content(payload["text"], cte="quoted-printable")
    message.add_alternative(payload["html"], subtype="html", cte="quoted-printable")
    for attachment in payload.get("attachments", ()):
        maintype, _, subtype = attachment["content_type"].partition("/")
        message.add_attachment(
            base64.b64decode(attachment["data"]),
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment["filename"],
        )
    return message


def _unsubscribe_headers(message, settings: MailSettings, address_tag: str, lang: str) -> None:
    """RFC 2369 and RFC 8058: a link that takes the opt-out in one click, and a mail to the
    organiser as the way that always works (the hub may have no public address)."""
    targets = []
    url = unsubscribe_url(settings, address_tag, lang)
    if url:
        targets.append(f"<{url}>")
    if settings.reply_address:
        targets.append(f"<mailto:{settings.reply_address}?subject=unsubscribe>")
    if targets:
        message["List-Unsubscribe"] = ", ".join(targets)
    if url:
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Precedence"] = "bulk"
