"""Each participant's email after the evening, through the outbox (docs/mail.md).

Everyone in the register who came into the evening's deals or signed up, walk-ins included once
the organiser has their address: those with deals get them (what each side gives, kind,
deadline, each partner's contact person, email and phone) with an ``.ics`` of every deadline;
those with none get a thank-you with their match suggestions. One email per participant and
evening (``once_key``), so calling the round again queues nothing new. The preview fills the
same letter without queueing; a resend goes through the outbox's own resend.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from hub.followup import calendar
from hub.followup.letters import DEALS, THANKS
from hub.mail import drafts, fields
from hub.mail.domain import email_id_for
from hub.mail.outbox import Attachment, MailRequest
from shared.i18n import format_date, translate
from shared.participants.rules import STATUS_WITHDRAWN

NO_CONTACT = {"contact_person": "", "email": "", "phone": ""}


@dataclass(frozen=True)
class Recipient:
    participant: object
    address: str
    deals: tuple
    once_key: str

    @property
    def letter(self) -> str:
        return DEALS if self.deals else THANKS


def once_key(evening, participant_id: str) -> str:
    date = (evening.settings or {}).get("date", "") or "undated"
    return f"after-evening:{date}:{participant_id}"


def deals_by_party(evening) -> dict[str, list]:
    found: dict[str, list] = defaultdict(list)
    for deal in sorted(evening.deals.counted_deals(), key=lambda d: (d.deadline, d.number)):
        for pid in dict.fromkeys(deal.party_ids):
            found[pid].append(deal)
    return found


def recipients(hub) -> tuple[list[Recipient], list[str]]:
    """Who gets an email, and the ids of those who would but have no address."""
    evening = hub.evening
    by_party = deals_by_party(evening)
    found, no_address = [], []
    for p in evening.participants.values():
        if p.merged_into is not None or p.status == STATUS_WITHDRAWN:
            continue
        if p.walk_in and not by_party.get(p.id):
            continue
        address = hub.contact_of(p.id).get("email", "")
        if not address:
            no_address.append(p.id)
            continue
        found.append(Recipient(p, address, tuple(by_party.get(p.id, ())), once_key(evening, p.id)))
    found.sort(key=lambda r: r.participant.name.casefold())
    return found, no_address


class Contacts:
    """Partners' contact details, opened once per round."""

    def __init__(self, hub) -> None:
        self.hub, self._open = hub, {}

    def __call__(self, participant_id: str) -> dict:
        if participant_id not in self._open:
            self._open[participant_id] = {**NO_CONTACT, **self.hub.contact_of(participant_id)}
        return self._open[participant_id]


def _gives(text: str) -> str:
    return f"«{text}»" if text else "—"


def deal_line(evening, deal, participant_id: str, contacts: Contacts, lang: str) -> str:
    """One deal as the participant reads it: what each side gives, kind, deadline, partners."""
    own = next(
        (p.get("gives", "") for p in deal.parties if p["participant_id"] == participant_id), ""
    )
    partners = []
    for party in deal.parties:
        pid = party["participant_id"]
        if pid == participant_id:
            continue
        other = evening.participants.get(pid)
        contact = contacts(pid)
        reach = ", ".join(
            v for v in (contact["contact_person"], contact["email"], contact["phone"]) if v
        )
        partners.append(
            translate(
                "followup.mail.partner",
                lang,
                partner=other.name if other else "?",
                gives=_gives(party.get("gives", "")),
                contact=reach or translate("followup.mail.no_contact", lang),
            )
        )
    return translate(
        "followup.mail.deal_line",
        lang,
        number=deal.number,
        category=translate(f"category.{deal.category}", lang),
        kind=translate(f"kind.{deal.kind}", lang),
        deadline=format_date(deal.deadline, lang),
        gives=_gives(own),
        partners="; ".join(partners),
    )


def _partner_names(evening, deal, participant_id: str) -> str:
    names = [
        (p.name if (p := evening.participants.get(pid)) else "?")
        for pid in deal.party_ids
        if pid != participant_id
    ]
    return ", ".join(names)


def request_for(hub, recipient: Recipient, contacts: Contacts, lang: str) -> MailRequest:
    evening, pid = hub.evening, recipient.participant.id
    if not recipient.deals:
        return MailRequest("deals", pid, THANKS, {}, recipient.once_key, lang=lang)
    lines = [deal_line(evening, d, pid, contacts, lang) for d in recipient.deals]
    events = [
        (
            f"{deal.id}.{pid}@frivilligbors",
            deal.deadline,
            translate(
                "followup.mail.ics_summary",
                lang,
                number=deal.number,
                partner=_partner_names(evening, deal, pid),
            ),
            line,
        )
        for deal, line in zip(recipient.deals, lines, strict=True)
    ]
    ics = calendar.deadlines_ics(events, dt.datetime.now(dt.UTC))
    context = {"deals": "\n".join(f"- {line}" for line in lines), "deal_count": len(lines)}
    return MailRequest(
        "deals",
        pid,
        DEALS,
        context,
        recipient.once_key,
        lang=lang,
        attachments=(Attachment(calendar.FILENAME, "text/calendar", ics),),
    )


def already_queued(outbox, key: str) -> bool:
    return str(email_id_for(key)) in outbox.log.rows


def send_all(hub, outbox, lang: str = "nb") -> dict:
    """Queue every participant's email that is not queued yet (one transaction)."""
    found, no_address = recipients(hub)
    contacts = Contacts(hub)
    fresh = [r for r in found if not already_queued(outbox, r.once_key)]
    outbox.queue_many([request_for(hub, r, contacts, lang) for r in fresh])
    return {
        "queued": len(fresh),
        "already": len(found) - len(fresh),
        "deals": sum(1 for r in found if r.deals),
        "thanks": sum(1 for r in found if not r.deals),
        "no_address": no_address,
    }


def preview(hub, mailroom, recipient: Recipient, lang: str) -> drafts.Parts:
    """The email as it would be queued now (subject, text; attachments named apart)."""
    request = request_for(hub, recipient, Contacts(hub), lang)
    evening, settings = hub.evening, mailroom.settings.load()
    values = fields.evening_fields(evening, settings, lang)
    contact = hub.contact_of(recipient.participant.id)
    values.update(fields.participant_fields(evening, recipient.participant, contact, lang))
    values.update({k: str(v) for k, v in request.context.items()})
    text = mailroom.texts.text(request.template, lang)
    return drafts.fill(text, request.kind, values, settings, lang)


def recipient_of(hub, participant_id: str) -> Recipient | None:
    found, _ = recipients(hub)
    return next((r for r in found if r.participant.id == participant_id), None)
