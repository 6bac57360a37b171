"""What the organiser's mail pages show of an email: opened from its seal for the page only.

The send log's rows hold no address or subject; a page opens the few it shows (and shows
"erased" for those whose key is gone). Reasons are the stable codes in the organiser's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.mail import drafts, fields
from hub.mail.audience import SKIPS
from hub.mail.domain import KINDS, QUEUED, STATUSES, WITHHELD, WITHHELD_REASONS
from hub.mail.letters import LETTERS, Text
from hub.mail.log import EmailRow
from hub.mail.outbox import REFUSALS
from hub.mail.rendering import TEXT_PROBLEMS, TextProblem
from hub.mail.settings import SECURITY
from hub.mail.smtp import CODES
from shared.i18n import translate

# The families of texts the mail pages build from a code: prefix -> every code it can get
# (tests/i18n checks each is in both catalogs).
TEXT_FAMILIES = {
    "mail.status.": STATUSES,
    "mail.test.status_": STATUSES,
    "mail.history.": (*STATUSES, "resend"),
    "mail.kind.": KINDS,
    "mail.withheld.": WITHHELD_REASONS,
    "mail.error.": CODES,
    "mail.problem.": TEXT_PROBLEMS,
    "mail.refused.": REFUSALS,
    "mail.security.": SECURITY,
    "mail.skip.": SKIPS,
    "mail.letter.": tuple(letter.key for letter in LETTERS.all()),
    "mail.sample.": ("signup_link", "catalogue_link", "organiser"),
}


@dataclass(frozen=True)
class LogEntry:
    row: EmailRow
    recipient: str
    address: str
    subject: str
    text: str
    erased: bool
    reason: str


def reason(row: EmailRow, lang: str, sender=None) -> str:
    """Why an email is where it is, in words ("" when all is well)."""
    if row.status == WITHHELD:
        return translate(f"mail.withheld.{row.withheld_reason}", lang)
    code, detail = row.error_code, row.error_detail
    if row.status == QUEUED and not code and sender is not None and sender.code:
        code, detail = sender.code, sender.detail
    if not code:
        return ""
    words = translate(f"mail.error.{code}", lang)
    return f"{words} ({detail})" if detail else words


def entries(mailroom, rows: list[EmailRow], lang: str) -> list[LogEntry]:
    outbox, evening = mailroom.outbox, mailroom.hub.evening
    sender = mailroom.sender.state if mailroom.sender else None
    found = []
    for row in rows:
        payload = outbox.opened(row)
        participant = evening.participants.get(row.participant_id) if row.participant_id else None
        name = (payload or {}).get("to_name") or (participant.name if participant else "")
        found.append(
            LogEntry(
                row=row,
                recipient=participant.name if participant else name,
                address=(payload or {}).get("to", ""),
                subject=(payload or {}).get("subject", ""),
                text=(payload or {}).get("text", ""),
                erased=payload is None,
                reason=reason(row, lang, sender),
            )
        )
    return found


@dataclass(frozen=True)
class Preview:
    parts: drafts.Parts | None
    problem: str = ""  # the code of what is wrong with the text
    detail: str = ""
    field: str = ""  # subject or body


def preview(mailroom, key: str, lang: str, subject: str, body: str, participant_id: str = ""):
    """The letter as one participant (or a sample) would get it, or what is wrong with it."""
    letter = LETTERS.get(key)
    evening, settings = mailroom.hub.evening, mailroom.settings.load()
    values = fields.sample_fields(evening, settings, lang)
    participant = evening.participants.get(participant_id) if participant_id else None
    if participant is not None:
        contact = mailroom.hub.contacts.open(participant.id, participant.contact_sealed) or {}
        values.update(fields.participant_fields(evening, participant, contact, lang))
    values = {name: values.get(name, "") for name in letter.fields}
    unsubscribe = drafts.unsubscribe_url(settings, "x" * 22, lang)
    for field, text in (("subject", Text(subject, "x")), ("body", Text("x", body))):
        try:
            drafts.fill(text, letter.kind, values, settings, lang, unsubscribe)
        except TextProblem as problem:
            return Preview(None, problem.code, problem.detail, field)
    parts = drafts.fill(Text(subject, body), letter.kind, values, settings, lang, unsubscribe)
    return Preview(parts)


def history(row: EmailRow, lang: str) -> list[tuple]:
    """Each step of one email in words: (time, what happened, what the server said)."""
    lines = []
    for when, what, code, detail in row.history:
        text = translate(f"mail.history.{what}", lang)
        if what == WITHHELD:
            text += ": " + translate(f"mail.withheld.{code}", lang)
        elif code == "unconfirmed":
            text += ": " + translate("mail.history.unconfirmed", lang)
        elif code:
            text += ": " + translate(f"mail.error.{code}", lang)
        lines.append((when, text, detail))
    return lines
