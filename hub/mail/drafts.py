"""A letter made into one email for one person: subject, plain text, HTML, attachments.

Done when the email is queued, so what is sealed in the outbox is exactly what is sent, on
every attempt and after any crash; a text the organiser edits later changes later emails
only. The preview on the template page goes through the same steps.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from hub.mail import rendering
from hub.mail.domain import UNSUBSCRIBABLE_KINDS
from hub.mail.letters import Text
from hub.mail.settings import MailSettings
from shared.i18n import translate

UNSUBSCRIBE_PATH = "/mail/unsubscribe/"


@dataclass(frozen=True)
class Attachment:
    """A file sent with an email (the follow-up's .ics, a PDF of the deals)."""

    filename: str
    content_type: str  # "text/calendar"
    data: bytes

    def as_json(self) -> dict:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "data": base64.b64encode(self.data).decode(),
        }


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def unsubscribe_url(settings: MailSettings, address_tag: str, lang: str) -> str:
    """The public page that takes an opt-out, or "" when the hub has no public address."""
    if not settings.public_url:
        return ""
    return f"{settings.public_url}{UNSUBSCRIBE_PATH}{address_tag}?lang={lang}"


def _footer(kind: str, fields: dict, unsubscribe: str, settings: MailSettings, lang: str):
    """Lines under the letter, and the links among them ({label: url})."""
    lines = [translate("mail.footer_why", lang, event=fields.get("event", ""))]
    links = {}
    if kind in UNSUBSCRIBABLE_KINDS:
        if unsubscribe:
            lines.append(translate("mail.footer_unsubscribe", lang))
            links[translate("mail.unsubscribe_link", lang)] = unsubscribe
        elif settings.reply_address:
            lines.append(translate("mail.footer_unsubscribe_by_reply", lang))
    return lines, links


@dataclass(frozen=True)
class Parts:
    """A filled letter before it is put into an email (what the preview shows)."""

    subject: str
    body: str  # filled plain text, with the bold marks
    footer: list[str]
    links: dict[str, str]

    @property
    def body_html(self):
        return rendering.body_html(self.body)

    @property
    def plain(self) -> str:
        """The plain-text part as it will be sent."""
        links = [f"{label}: {url}" for label, url in self.links.items()]
        footer = "\n".join([*self.footer, *links])
        return rendering.body_text(self.body) + "\n\n-- \n" + footer + "\n"


def fill(
    text: Text, kind: str, fields: dict, settings: MailSettings, lang: str, unsubscribe: str = ""
) -> Parts:
    """Fill ``text``; raises :class:`rendering.TextProblem`."""
    subject = rendering.subject_line(rendering.fill(text.subject, fields))
    body = rendering.fill(text.body, fields)
    lines, links = _footer(kind, fields, unsubscribe, settings, lang)
    return Parts(subject, body, lines, links)


def render(
    text: Text, kind: str, fields: dict, settings: MailSettings, lang: str, unsubscribe: str = ""
) -> Rendered:
    """Fill ``text`` and make both parts of the email."""
    parts = fill(text, kind, fields, settings, lang, unsubscribe)
    html = rendering.wrap_html(parts.subject, parts.body_html, parts.footer, parts.links, lang)
    return Rendered(parts.subject, parts.plain, html)


def payload(
    rendered: Rendered, address: str, name: str, attachments: tuple[Attachment, ...]
) -> dict:
    """What the outbox seals: everything the sender needs but the settings of the moment."""
    return {
        "to": address,
        "to_name": name,
        "subject": rendered.subject,
        "text": rendered.text,
        "html": rendered.html,
        "attachments": [a.as_json() for a in attachments],
    }
