"""Sign-ups that arrive together are stored together: one commit of the contact vault and one
save of the hub's journal for all of them (group commit).

Each sign-up costs two commits to disk (the participant's key, then the event), one after the
other under the store's write lock; fifty people pressing "Meld på" in the same second waited
for a hundred of them in a row (p95 near a second on this machine). Now the first to arrive
stores everything that is waiting when its turn comes, and whoever arrived meanwhile is stored
in the next round, all at once. Each sign-up is still checked on its own, against the
register as it stands plus those before it in the same round (the cap, an invitee signing up
twice), and is refused on its own; the others are stored.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

from hub.service import Hub
from shared.core.checks import FieldError, ValidationFailed


@dataclass
class Ticket:
    participant_id: str
    data: dict
    contact: dict
    consent: tuple[str, str]  # the exact words, their digest
    lang: str
    invited: bool
    source: str
    day: dt.date
    done: threading.Event = field(default_factory=threading.Event)
    error: Exception | None = None


class SignUpQueue:
    def __init__(self, hub: Hub):
        self.hub = hub
        self._lock = threading.Lock()
        self._waiting: list[Ticket] = []
        self._storing = False

    def submit(self, ticket: Ticket) -> str:
        """Store one sign-up (with whatever else is waiting); its id, or its refusal."""
        with self._lock:
            self._waiting.append(ticket)
            lead, self._storing = not self._storing, True
        # A page holds the evening's read lock: let it go while waiting, or the fold that
        # stores this very sign-up would wait for it.
        with self.hub.evening.lock.set_aside():
            if lead:
                self._store_rounds()
            ticket.done.wait()
        if ticket.error is not None:
            raise ticket.error
        return ticket.participant_id

    def _store_rounds(self) -> None:
        while True:
            with self._lock:
                batch, self._waiting = self._waiting, []
                if not batch:
                    self._storing = False
                    return
            try:
                self._store(batch)
            except Exception as error:  # the disk refused: every sign-up of the round is told
                for ticket in batch:
                    ticket.error = ticket.error or error
            finally:
                for ticket in batch:
                    ticket.done.set()

    def _store(self, batch: list[Ticket]) -> None:
        hub = self.hub
        sealed = hub.contacts.seal_many([(t.participant_id, t.contact) for t in batch])

        def command(journal) -> None:
            with hub.evening.lock.reading():
                participants = hub.evening.participants
                settings = participants.signup_settings
                counted = participants.signed_up_count()
                recorded = set(participants.consent_texts)
                current = {t.participant_id: participants.get(t.participant_id) for t in batch}
            signed: set[str] = set()
            for ticket, blob in zip(batch, sealed, strict=True):
                try:
                    _sign_up_one(journal, ticket, blob, current, signed, (settings, counted))
                except ValidationFailed as refused:
                    ticket.error = refused
                    continue
                text, digest = ticket.consent
                if digest not in recorded:
                    journal.record_consent_text(ticket.lang, text)
                    recorded.add(digest)
                signed.add(ticket.participant_id)

        hub.record(command)


def _sign_up_one(journal, ticket: Ticket, sealed: str, current: dict, signed: set, policy):
    before = current.get(ticket.participant_id) if ticket.invited else None
    if ticket.invited and before is None:
        raise ValidationFailed([FieldError("participant_id", "unknown_participant")])
    if ticket.participant_id in signed:  # the same invitation posted twice in one round
        raise ValidationFailed([FieldError("signup", "already_signed_up")])
    settings, counted = policy
    journal.sign_up_participant(
        ticket.participant_id,
        ticket.data,
        sealed,
        ticket.consent[1],
        ticket.source,
        before,
        policy=(settings, counted + len(signed), ticket.day),
    )


_CREATING = threading.Lock()


def queue_of(hub: Hub) -> SignUpQueue:
    """The hub's one queue of sign-ups (kept on the hub, so it dies with it)."""
    with _CREATING:
        queue = getattr(hub, "_signup_queue", None)
        if queue is None:
            queue = hub._signup_queue = SignUpQueue(hub)
    return queue
