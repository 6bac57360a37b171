"""Who gets an invitation round or the reminder, who does not and why, and the sending of them.

An invitation goes to the register's actors of one sector (typed in, imported, invited), by
default only those not signed up yet; the reminder to everyone signed up. Each email's
``once_key`` names the evening, the letter and the participant, so nobody gets the same
invitation (or the reminder) twice, however often the organiser presses the button. Everyone
left out is listed with the reason: no address, opted out, address refused by the server,
already sent, already signed up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hub.mail.domain import email_id_for
from hub.mail.letters import invitation_for
from hub.mail.outbox import MailRequest
from hub.participants import register
from shared.core.vocabulary import DEFAULT_LANGUAGE
from shared.participants.rules import STATUS_SIGNED_UP, STATUS_WITHDRAWN

SKIP_NO_ADDRESS = "no_address"
SKIP_OPTED_OUT = "opted_out"
SKIP_REFUSED = "address_refused"
SKIP_ALREADY_SENT = "already_sent"
SKIP_SIGNED_UP = "signed_up"
SKIPS = (SKIP_NO_ADDRESS, SKIP_OPTED_OUT, SKIP_REFUSED, SKIP_ALREADY_SENT, SKIP_SIGNED_UP)


@dataclass(frozen=True)
class Candidate:
    participant_id: str
    name: str
    sector: str
    address: str
    once_key: str
    skip: str = ""  # why this one is left out ("" : it goes)


def evening_key(evening) -> str:
    """Names the evening in once keys, so next year's invitations go again."""
    return (evening.settings or {}).get("date", "") or "undated"


def _registered(evening):
    for participant in evening.participants.values():
        if participant.walk_in or participant.merged_into or participant.status == STATUS_WITHDRAWN:
            continue
        yield participant


def _candidate(mailroom, participant, once_key: str, skip: str = "") -> Candidate:
    outbox = mailroom.outbox
    contact = mailroom.hub.contacts.open(participant.id, participant.contact_sealed) or {}
    address = contact.get("email", "")
    if skip:
        pass
    elif not address:
        skip = SKIP_NO_ADDRESS
    elif str(email_id_for(once_key)) in outbox.log.rows:
        skip = SKIP_ALREADY_SENT
    elif outbox.opted_out(address):
        skip = SKIP_OPTED_OUT
    elif outbox.refused(participant.id, address):
        skip = SKIP_REFUSED
    return Candidate(participant.id, participant.name, participant.sector, address, once_key, skip)


def invitation_round(mailroom, sector: str, only_not_signed_up: bool = True) -> list[Candidate]:
    evening = mailroom.hub.evening
    found = []
    for participant in _registered(evening):
        if participant.sector != sector:
            continue
        # One invitation per evening and participant, whichever letter or language: moved to
        # another sector, or sent again in English, they are not invited a second time.
        once_key = f"invitation:{evening_key(evening)}:{participant.id}"
        signed_up = only_not_signed_up and participant.status == STATUS_SIGNED_UP
        found.append(
            _candidate(mailroom, participant, once_key, SKIP_SIGNED_UP if signed_up else "")
        )
    return sorted(found, key=lambda c: (bool(c.skip), c.name.casefold()))


def invitation_link(mailroom, participant, base_url: str) -> str:
    """An invitee's own sign-up link (the small model's invitation-only sign-up needs it); the
    general sign-up link for one who signed up already, or with no address to build it on."""
    settings = mailroom.settings.load()
    base = (settings.public_url or base_url).rstrip("/")
    if participant.status == STATUS_SIGNED_UP or not base:
        return settings.signup_url
    return f"{base}/signup/invitation/{register.invitation_token(mailroom.hub, participant.id)}"


def send_invitations(
    mailroom, sector: str, only_not_signed_up: bool, lang: str, base_url: str = ""
) -> int:
    """Queue the round; how many emails were queued now. ``base_url``: where people reach
    this hub when no public address is set (the request's own)."""
    going = [c for c in invitation_round(mailroom, sector, only_not_signed_up) if not c.skip]
    participants = mailroom.hub.evening.participants
    requests = [
        MailRequest(
            "invitation",
            c.participant_id,
            invitation_for(sector),
            {
                "signup_link": invitation_link(
                    mailroom, participants.get(c.participant_id), base_url
                )
            },
            c.once_key,
            lang=lang,
        )
        for c in going
    ]
    mailroom.outbox.queue_many(requests)
    return len(requests)


# --- the reminder the day before -------------------------------------------------------------


def reminder_round(mailroom) -> list[Candidate]:
    evening = mailroom.hub.evening
    found = [
        _candidate(mailroom, p, f"reminder:{evening_key(evening)}:{p.id}")
        for p in _registered(evening)
        if p.status == STATUS_SIGNED_UP
    ]
    return sorted(found, key=lambda c: (bool(c.skip), c.name.casefold()))


def signed_up_in(evening, participant_id: str) -> str:
    """The language a participant signed up in (the words they agreed to), or bokmål."""
    participants = evening.participants
    participant = participants.get(participant_id)
    agreed = participants.consent_texts.get(getattr(participant, "consent_text", "") or "")
    return getattr(agreed, "lang", "") or DEFAULT_LANGUAGE


def send_reminders(mailroom) -> int:
    """Queue the reminder for everyone signed up not reminded yet, each in their language."""
    evening = mailroom.hub.evening
    going = [c for c in reminder_round(mailroom) if not c.skip]
    requests = [
        MailRequest(
            "reminder",
            c.participant_id,
            "reminder",
            {},
            c.once_key,
            lang=signed_up_in(evening, c.participant_id),
        )
        for c in going
    ]
    mailroom.outbox.queue_many(requests)
    return len(requests)


def _local(day: dt.date, clock: str) -> dt.datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes)).astimezone()


def reminder_window(evening, settings) -> tuple[dt.datetime, dt.datetime] | None:
    """From the day before at the organiser's time until the hour opens; None when off."""
    plan = evening.settings or {}
    if not settings.reminder_on or not plan.get("date"):
        return None
    day = dt.date.fromisoformat(plan["date"])
    opens = _local(day, plan.get("opens_at") or "17:00")
    return _local(day - dt.timedelta(days=1), settings.reminder_at), opens


def reminder_chore(mailroom):
    """Run by the sender on every round: in the window, remind whoever was not reminded yet
    (someone who signs up after the reminder went out gets theirs too)."""

    def chore(now: dt.datetime) -> None:
        evening = mailroom.hub.evening
        with evening.lock.reading():
            window = reminder_window(evening, mailroom.settings.load())
            if window is not None and window[0] <= now < window[1]:
                send_reminders(mailroom)

    return chore


def purge_chore(mailroom, every: float = 3600.0):
    """Forget the content of settled emails past the retention time, once an hour."""
    last = [dt.datetime.min.replace(tzinfo=dt.UTC)]

    def chore(now: dt.datetime) -> None:
        if (now - last[0]).total_seconds() >= every:
            last[0] = now
            mailroom.outbox.purge(mailroom.settings.load().keep_days, now)

    return chore
