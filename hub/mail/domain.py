"""The outbox's facts: an email queued, each attempt to send it and how it ended; opt-outs.

An email is an aggregate whose id is derived from its ``once_key`` (a version 5 UUID), so
queueing the same email twice finds the one already stored instead of making a second. Its
status moves ``queued`` → ``sending`` → ``sent`` | ``failed`` | ``withheld``, and a resend
puts a settled email back to ``queued``. ``sending`` is recorded *before* the SMTP exchange and
``sent`` after it (see docs/mail.md): an email found ``sending`` when the hub starts was cut
off mid-exchange and is sent again with the same ``Message-ID``.

The events hold no address or text in clear: ``sealed`` is the message sealed by
:mod:`hub.mail.sealing`, and ``address_tag`` a keyed hash of the address, enough to honour an
opt-out and to spot a refused address without keeping the address itself.
"""

from __future__ import annotations

import uuid

from eventsourcing.domain import Aggregate, event

NAMESPACE = uuid.UUID("6f0c3b9e-51d4-4a52-9a8e-f2b0c1d7a3e1")

QUEUED, SENDING, SENT, FAILED, WITHHELD = "queued", "sending", "sent", "failed", "withheld"
STATUSES = (QUEUED, SENDING, SENT, FAILED, WITHHELD)
SETTLED = frozenset({SENT, FAILED, WITHHELD})

# Mail a person may opt out of (it advertises the evening or nudges them): these carry an
# unsubscribe link and List-Unsubscribe, and an opt-out stops them. A confirmation or a deals
# mail answers something the person did, and still goes.
UNSUBSCRIBABLE_KINDS = frozenset({"invitation", "reminder"})

# Reasons an email is withheld rather than sent.
WITHHELD_UNSUBSCRIBED = "unsubscribed"
WITHHELD_ERASED = "erased"  # the participant's key (or the message's) was erased
WITHHELD_NO_ADDRESS = "no_address"
NOT_RESENDABLE = frozenset({WITHHELD_UNSUBSCRIBED, WITHHELD_ERASED})
WITHHELD_REASONS = (WITHHELD_UNSUBSCRIBED, WITHHELD_ERASED, WITHHELD_NO_ADDRESS)

# The kinds the hub's rooms send (a room may add its own; the log then shows its code).
KINDS = ("invitation", "reminder", "confirmation", "changed", "withdrawn", "deals", "followup")
KINDS += ("test",)


class NotSendable(RuntimeError):
    """The email is not waiting to be sent (already sent, failed for good, withheld)."""


class NotSending(RuntimeError):
    """An outcome for an email that is not being sent."""


class NotResendable(RuntimeError):
    """Only a settled email whose content still exists, and whose person did not opt out, can
    be sent again."""


def email_id_for(once_key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"email:{once_key}")


class Email(Aggregate):
    @staticmethod
    def create_id(once_key: str) -> uuid.UUID:
        return email_id_for(once_key)

    @event("Queued")
    def __init__(
        self,
        once_key: str,
        kind: str,
        template: str,
        participant_id: str,
        lang: str,
        message_id: str,
        address_tag: str,
        sealed: str,
    ) -> None:
        self.once_key = once_key
        self.kind = kind
        self.template = template
        self.participant_id = participant_id
        self.lang = lang
        self.message_id = message_id
        self.address_tag = address_tag
        self.sealed = sealed
        self.status = QUEUED
        self.attempts = 0
        self.withheld_reason = ""

    # --- commands: each checks, then records -----------------------------------------------------

    def start_sending(self, message_id: str = "") -> None:
        """Claim the email for one SMTP exchange (also after a crash cut the last one off).
        ``message_id`` may be given before the first attempt only (the sender's domain was not
        known when it was queued); from then on it is fixed."""
        if self.status not in (QUEUED, SENDING):
            raise NotSendable(self.status)
        if message_id and self.attempts:
            raise NotSendable("the Message-ID is fixed once an attempt started")
        self._sending_started(
            attempt=self.attempts + 1, unconfirmed=self.status == SENDING, message_id=message_id
        )

    def record_delivered(self, reply: str) -> None:
        if self.status != SENDING:
            raise NotSending(self.status)
        self._delivered(reply=reply[:300])

    def record_failure(self, code: str, detail: str, final: bool, retry_at: str) -> None:
        """An attempt that ended in a refusal or no answer; ``final`` settles it as failed."""
        if self.status != SENDING:
            raise NotSending(self.status)
        self._attempt_failed(code=code, detail=detail[:500], final=final, retry_at=retry_at)

    def postpone(self, code: str, detail: str) -> None:
        """The server could not be reached or refused the hub itself (login, sender): the email
        waits at the head of the queue with that reason, without an attempt of its own."""
        if self.status != QUEUED:
            raise NotSendable(self.status)
        self._postponed(code=code, detail=detail[:500])

    def withhold(self, reason: str) -> None:
        if self.status not in (QUEUED, SENDING):
            raise NotSendable(self.status)
        self._withheld(reason=reason)

    def resend(self, message_id: str) -> None:
        """Send a settled email again: a deliberate second copy gets its own ``message_id``."""
        if self.status not in SETTLED or self.withheld_reason in NOT_RESENDABLE:
            raise NotResendable(self.status)
        self._resend_requested(message_id=message_id)

    # --- events ----------------------------------------------------------------------------------

    @event("SendingStarted")
    def _sending_started(self, attempt: int, unconfirmed: bool, message_id: str = "") -> None:
        self.status = SENDING
        self.attempts = attempt
        self.message_id = message_id or self.message_id

    @event("Delivered")
    def _delivered(self, reply: str) -> None:
        self.status = SENT

    @event("AttemptFailed")
    def _attempt_failed(self, code: str, detail: str, final: bool, retry_at: str) -> None:
        self.status = FAILED if final else QUEUED

    @event("Postponed")
    def _postponed(self, code: str, detail: str) -> None:
        pass

    @event("Withheld")
    def _withheld(self, reason: str) -> None:
        self.status = WITHHELD
        self.withheld_reason = reason

    @event("ResendRequested")
    def _resend_requested(self, message_id: str) -> None:
        self.status = QUEUED
        self.message_id = message_id
        self.withheld_reason = ""


def optout_id_for(address_tag: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"optout:{address_tag}")


class Optout(Aggregate):
    """One address's wish to get no more invitations or reminders (by its tag, not in clear)."""

    @staticmethod
    def create_id(address_tag: str) -> uuid.UUID:
        return optout_id_for(address_tag)

    @event("Unsubscribed")
    def __init__(self, address_tag: str, via: str) -> None:
        self.address_tag = address_tag
        self.active = True

    def unsubscribe_again(self, via: str) -> None:
        if not self.active:
            self._unsubscribed_again(via=via)

    def lift(self) -> None:
        """The person asked the organiser to be invited again."""
        if self.active:
            self._lifted()

    @event("UnsubscribedAgain")
    def _unsubscribed_again(self, via: str) -> None:
        self.active = True

    @event("Lifted")
    def _lifted(self) -> None:
        self.active = False
