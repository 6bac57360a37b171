"""The outbox: the one way the hub sends mail. Every room that emails calls :meth:`Outbox.queue`.

    outbox = current_outbox()          # in a view (hub.mail), or Mailroom.outbox elsewhere
    email_id = outbox.queue(
        "confirmation",                # kind: what the send log groups by; an opt-out stops
                                       # "invitation" and "reminder" only
        participant_id,                # whose address and merge fields (None with to=...)
        "confirmation",                # the letter (hub.mail.letters.LETTERS; add your own)
        {"signup_link": own_link},     # merge fields over the participant's and the evening's
        once_key=f"confirmation:{participant_id}",  # the same key again queues nothing
        lang="nb",                     # default: bokmål
        attachments=(Attachment("avtale.ics", "text/calendar", data),),
    )

Queueing renders the letter, seals it (:mod:`hub.mail.sealing`) and stores one ``Queued``
event in the outbox's own store; the sender thread delivers it. ``queue`` returns the email's
id (the same id for the same ``once_key``, whether or not it was queued just now) or refuses
with :class:`MailRefused` (``unknown_letter``, ``unknown_participant``, ``no_address``,
``template_error``). Call it while reading the evening, as every request does.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hub.mail import domain, drafts, fields
from hub.mail.domain import Email, Optout, email_id_for, optout_id_for
from hub.mail.drafts import Attachment
from hub.mail.letters import LETTERS
from hub.mail.log import EmailRow, SendLog
from hub.mail.rendering import TextProblem
from hub.mail.sealing import AddressTags, NoParticipantKey, Sealer
from hub.mail.settings import NO_DOMAIN, SettingsFile
from hub.mail.store import MailStore
from hub.mail.texts import TextStore
from shared.core.errors import CodedError
from shared.core.vocabulary import DEFAULT_LANGUAGE, LANGUAGES
from shared.web.csrf import load_or_create_secret

__all__ = ["Attachment", "MailRefused", "MailRequest", "Outbox", "Outgoing"]


REFUSALS = (
    "unknown_letter",
    "unknown_participant",
    "no_address",
    "template_error",
    "unknown_email",
    "not_resendable",
)


class MailRefused(CodedError):
    """An email that cannot be queued (or resent), with a stable code."""

    status = 422


@dataclass(frozen=True)
class MailRequest:
    kind: str
    participant_id: str | None
    template: str
    context: dict
    once_key: str
    to: str | None = None  # an address that is not a participant's (a test email)
    to_name: str = ""
    lang: str | None = None
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Outgoing:
    """An email claimed for one SMTP exchange."""

    email_id: str
    message_id: str
    kind: str
    lang: str
    address_tag: str
    payload: dict
    attempt: int


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Outbox:
    def __init__(self, hub, settings: SettingsFile, texts: TextStore):
        self.hub = hub
        self.settings = settings
        self.texts = texts
        self.store = MailStore(hub.data_dir / "mail.sqlite")
        self.sealer = Sealer(hub.data_dir / "mail-keys.sqlite", hub.contacts)
        self.tags = AddressTags(load_or_create_secret(hub.data_dir, "mail-secret"))
        self.log = SendLog()
        self.lock = threading.RLock()  # the fold and every change; taken after the evening's
        self._queueing = threading.Lock()  # one round at a time; taken before ``lock``
        self._cursor = 0
        self.on_queued: Callable[[], None] = lambda: None
        self.catch_up()

    def close(self) -> None:
        self.store.close()
        self.sealer.close()

    def catch_up(self) -> None:
        with self.lock:
            for notification in self.store.read_after(self._cursor):
                self.log.apply(self.store.mapper.to_domain_event(notification), notification.id)
                self._cursor = notification.id

    def _save(self, *aggregates) -> None:
        if not aggregates:
            return
        with self.lock, self.store.write_lock:
            self.store.save(*aggregates)
            self.catch_up()

    # --- queueing: the interface every room uses -------------------------------------------------

    def queue(
        self,
        kind: str,
        participant_id: str | None,
        template: str,
        context: dict,
        once_key: str,
        *,
        to: str | None = None,
        to_name: str = "",
        lang: str | None = None,
        attachments: Iterable[Attachment] = (),
    ) -> str:
        request = MailRequest(
            kind,
            participant_id,
            template,
            dict(context),
            once_key,
            to,
            to_name,
            lang,
            tuple(attachments),
        )
        return self.queue_many([request])[0]

    def queue_many(self, requests: list[MailRequest]) -> list[str]:
        """Queue several emails in one transaction (an invitation round): all or none.

        Rendering and sealing a round of a thousand takes seconds: it holds only the queueing
        lock (one round at a time, so an email is never sealed twice), not the log's, so the
        send log, ``/api/outbox`` and the sender go on meanwhile."""
        settings = self.settings.load()
        with self._queueing:
            ids, fresh, seen = [], [], set()
            for request in requests:
                email_id = email_id_for(request.once_key)
                ids.append(str(email_id))
                if str(email_id) in self.log.rows or email_id in seen:
                    continue  # only queueing adds rows, and it is ours: no lock needed
                seen.add(email_id)
                fresh.append((email_id, request, *self._draft(request, settings)))
            if not fresh:
                return ids
            try:
                sealed = self.sealer.seal_many(
                    [(str(i), r.participant_id or "", p) for i, r, p, _, _ in fresh]
                )
            except NoParticipantKey:
                raise MailRefused("no_address", "the participant has no contact details") from None
            emails = [
                self._email(email_id, request, tag, lang, box, settings.from_domain)
                for (email_id, request, _, tag, lang), box in zip(fresh, sealed, strict=True)
            ]
            self._save(*emails)
        self.on_queued()
        return ids

    def _draft(self, request: MailRequest, settings) -> tuple[dict, str, str]:
        """(payload, address tag, language) of one request, or :class:`MailRefused`."""
        if request.template not in LETTERS:
            raise MailRefused("unknown_letter", f"no letter {request.template!r}")
        lang = request.lang if request.lang in LANGUAGES else DEFAULT_LANGUAGE
        evening = self.hub.evening
        values = fields.evening_fields(evening, settings, lang)
        address, name = (request.to or "").strip(), request.to_name
        if request.participant_id:
            participant = evening.participants.get(request.participant_id)
            if participant is None:
                raise MailRefused("unknown_participant", "no such participant", 404)
            contact = self.hub.contacts.open(participant.id, participant.contact_sealed) or {}
            values.update(fields.participant_fields(evening, participant, contact, lang))
            address = address or contact.get("email", "")
            name = name or contact.get("contact_person") or participant.name
        if not address:
            raise MailRefused("no_address", "no address to send to")
        values.update({k: str(v) for k, v in request.context.items()})
        tag = self.tags.tag(address)
        text = self.texts.text(request.template, lang)
        unsubscribe = drafts.unsubscribe_url(settings, tag, lang)
        try:
            rendered = drafts.render(text, request.kind, values, settings, lang, unsubscribe)
        except TextProblem as problem:
            raise MailRefused("template_error", problem.detail) from None
        return drafts.payload(rendered, address, name, request.attachments), tag, lang

    def _email(self, email_id, request, tag, lang, sealed, domain_name) -> Email:
        email = Email(
            once_key=request.once_key,
            kind=request.kind,
            template=request.template,
            participant_id=request.participant_id or "",
            lang=lang,
            message_id=f"<{email_id.hex}@{domain_name}>",
            address_tag=tag,
            sealed=sealed,
        )
        if request.kind in domain.UNSUBSCRIBABLE_KINDS and self.log.opted_out(tag):
            email.withhold(domain.WITHHELD_UNSUBSCRIBED)
        return email

    # --- the sender's side -----------------------------------------------------------------------

    def due(self, at: dt.datetime | None = None) -> list[EmailRow]:
        with self.lock:
            return self.log.due(at or now())

    def claim(self, email_id: str, delivered: tuple[str, str] | None = None) -> Outgoing | None:
        """Record ``sending`` for one email and give what to send, or None when it is no longer
        to be sent (withheld here when its content is gone or its person opted out since).

        ``delivered`` is ``(email id, the server's reply)`` of the email sent just before on
        the same connection: its ``sent`` goes into the same transaction, one commit per email
        instead of two, and no later than it would otherwise (nothing happens in between)."""
        with self.lock:
            done = []
            if delivered is not None:
                previous = self.store.repository.get(uuid.UUID(delivered[0]))
                previous.record_delivered(delivered[1])
                done.append(previous)
            row = self.log.rows.get(email_id)
            if row is None or row.status not in (domain.QUEUED, domain.SENDING):
                self._save(*done)
                return None
            email = self.store.repository.get(uuid.UUID(email_id))
            payload = self.sealer.open(email_id, row.participant_id, email.sealed)
            reason = ""
            if payload is None:
                reason = domain.WITHHELD_ERASED
            elif row.kind in domain.UNSUBSCRIBABLE_KINDS and self.log.opted_out(row.address_tag):
                reason = domain.WITHHELD_UNSUBSCRIBED
            if reason:
                email.withhold(reason)
                self._save(*done, email)
                return None
            email.start_sending(self._first_message_id(email))
            self._save(*done, email)
            return Outgoing(
                email_id,
                email.message_id,
                row.kind,
                row.lang,
                row.address_tag,
                payload,
                email.attempts,
            )

    def _first_message_id(self, email: Email) -> str:
        """The Message-ID with the sender's domain, for an email queued before there was one
        ("" : keep the one it has)."""
        if email.attempts or not email.message_id.endswith(f"@{NO_DOMAIN}>"):
            return ""
        domain_name = self.settings.load().from_domain
        return "" if domain_name == NO_DOMAIN else email.message_id.replace(NO_DOMAIN, domain_name)

    def delivered(self, email_id: str, reply: str) -> None:
        self._change(email_id, lambda email: email.record_delivered(reply))

    def failed(
        self, email_id: str, code: str, detail: str, final: bool, retry_at: dt.datetime | None
    ) -> None:
        stamp = retry_at.isoformat() if retry_at else ""
        self._change(email_id, lambda email: email.record_failure(code, detail, final, stamp))

    def postpone(self, email_id: str, code: str, detail: str) -> None:
        with self.lock:
            row = self.log.rows.get(email_id)
            if row is None or row.status != domain.QUEUED or row.error_code == code:
                return  # said once is enough: the sender's state says the rest
            self._change(email_id, lambda email: email.postpone(code, detail))

    def _change(self, email_id: str, command: Callable[[Email], None]) -> None:
        with self.lock:
            email = self.store.repository.get(uuid.UUID(email_id))
            command(email)
            self._save(email)

    def purge(self, keep_days: int, at: dt.datetime | None = None) -> int:
        """Forget the content of emails settled more than ``keep_days`` ago (when each settled
        is the send log's, so sending an email writes nothing to the keys' database)."""
        cutoff = (at or now()) - dt.timedelta(days=keep_days)
        with self.lock:
            old = [row.id for row in self.log.settled() if row.settled_at < cutoff]
        return self.sealer.forget_many(old)

    # --- the organiser's side --------------------------------------------------------------------

    def resend(self, email_id: str) -> None:
        """Send one email again; a copy of one that was sent gets a Message-ID of its own."""
        with self.lock:
            row = self.log.rows.get(email_id)
            if row is None:
                raise MailRefused("unknown_email", "no such email", 404)
            email = self.store.repository.get(uuid.UUID(email_id))
            copies = sum(1 for entry in row.history if entry[1] == "resend") + 1
            message_id = email.message_id
            if row.status == domain.SENT:
                host = email.message_id.rpartition("@")[2]  # "example.no>"
                message_id = f"<{uuid.UUID(email_id).hex}.{copies}@{host}"
            try:
                email.resend(message_id)
            except domain.NotResendable:
                raise MailRefused(
                    "not_resendable", "this email cannot be sent again", 409
                ) from None
            self._save(email)
        self.on_queued()

    def unsubscribe(self, address_tag: str, via: str) -> bool:
        """Take an opt-out; False when no email ever went to that tag (a made-up link)."""
        with self.lock:
            if address_tag not in self.log.tags_seen:
                return False
            self._opt_out(address_tag, via)
        return True

    def unsubscribe_address(self, address: str) -> None:
        """The organiser records an opt-out that came by reply or by phone."""
        with self.lock:
            self._opt_out(self.tags.tag(address), "organiser")

    def _opt_out(self, address_tag: str, via: str) -> None:
        if self.log.opted_out(address_tag):
            return
        if self.store.holds(optout_id_for(address_tag)):
            optout = self.store.repository.get(optout_id_for(address_tag))
            optout.unsubscribe_again(via)
        else:
            optout = Optout(address_tag=address_tag, via=via)
        self._save(optout)

    def lift_optout(self, address: str) -> None:
        tag = self.tags.tag(address)
        with self.lock:
            if not self.log.opted_out(tag):
                return
            optout = self.store.repository.get(optout_id_for(tag))
            optout.lift()
            self._save(optout)

    def opted_out(self, address: str) -> bool:
        with self.lock:
            return self.log.opted_out(self.tags.tag(address))

    def refused(self, participant_id: str, address: str) -> bool:
        """Whether the server refused this participant's current address for good."""
        with self.lock:
            refusal = self.log.refused.get(participant_id)
            return refusal is not None and refusal.address_tag == self.tags.tag(address)

    def opened(self, row: EmailRow) -> dict | None:
        """The email as it was queued, or None once erased (for the organiser's log)."""
        with self.lock:
            email = self.store.repository.get(uuid.UUID(row.id))
        return self.sealer.open(row.id, row.participant_id, email.sealed)
