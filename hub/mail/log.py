"""The send log: every email's state, folded from the outbox's events (rebuilt on start).

One handler per event type, found by the event's class name. The sender asks it what is due,
the pages what happened; nothing here holds an address or a text in clear.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hub.mail.domain import (
    FAILED,
    QUEUED,
    SENDING,
    SENT,
    SETTLED,
    STATUSES,
    WITHHELD,
)

# Who goes first when several emails wait: a test email the organiser is watching, then a
# confirmation a person just asked for, then the rest in the order they were queued.
PRIORITY = {"test": 0, "confirmation": 1}
DEFAULT_PRIORITY = 5


@dataclass
class EmailRow:
    id: str
    position: int
    once_key: str
    kind: str
    template: str
    participant_id: str
    lang: str
    message_id: str
    address_tag: str
    queued_at: dt.datetime
    status: str = QUEUED
    attempts: int = 0
    last_attempt_at: dt.datetime | None = None
    sent_at: dt.datetime | None = None
    settled_at: dt.datetime | None = None
    error_code: str = ""
    error_detail: str = ""
    retry_at: dt.datetime | None = None
    withheld_reason: str = ""
    unconfirmed_resends: int = 0  # sent again after a crash cut an exchange off
    history: list = field(default_factory=list)  # (time, what, code, detail)

    @property
    def priority(self) -> tuple[int, int]:
        return (PRIORITY.get(self.kind, DEFAULT_PRIORITY), self.position)

    def as_json(self) -> dict:
        def stamp(value):
            return value.isoformat() if value else None

        error = {"code": self.error_code, "detail": self.error_detail} if self.error_code else None
        return {
            "id": self.id,
            "kind": self.kind,
            "template": self.template,
            "participant_id": self.participant_id or None,
            "status": self.status,
            "attempts": self.attempts,
            "queued_at": stamp(self.queued_at),
            "last_attempt_at": stamp(self.last_attempt_at),
            "sent_at": stamp(self.sent_at),
            "retry_at": stamp(self.retry_at),
            "error": error,
            "withheld_reason": self.withheld_reason or None,
            "message_id": self.message_id,
        }


@dataclass
class Refusal:
    address_tag: str
    code: str
    detail: str
    at: dt.datetime


class SendLog:
    handles = {  # noqa: RUF012 - read once, like a projection's
        "Queued": "on_queued",
        "SendingStarted": "on_sending_started",
        "Delivered": "on_delivered",
        "AttemptFailed": "on_attempt_failed",
        "Postponed": "on_postponed",
        "Withheld": "on_withheld",
        "ResendRequested": "on_resend_requested",
        "Unsubscribed": "on_unsubscribed",
        "UnsubscribedAgain": "on_unsubscribed_again",
        "Lifted": "on_lifted",
    }

    def __init__(self) -> None:
        self.rows: dict[str, EmailRow] = {}
        self.optouts: dict[str, bool] = {}  # address tag -> opted out now
        self.refused: dict[str, Refusal] = {}  # participant id -> their address was refused
        self.tags_seen: set[str] = set()
        self._optout_tags: dict[str, str] = {}  # opt-out aggregate id -> its address tag
        self.unconfirmed_total = 0

    def apply(self, event, position: int) -> None:
        name = self.handles.get(type(event).__name__)
        if name is not None:
            getattr(self, name)(event, position)

    # --- emails ------------------------------------------------------------------------------

    def on_queued(self, ev, position: int) -> None:
        row = EmailRow(
            id=str(ev.originator_id),
            position=position,
            once_key=ev.once_key,
            kind=ev.kind,
            template=ev.template,
            participant_id=ev.participant_id,
            lang=ev.lang,
            message_id=ev.message_id,
            address_tag=ev.address_tag,
            queued_at=ev.timestamp,
        )
        self.rows[row.id] = row
        self.tags_seen.add(ev.address_tag)
        row.history.append((ev.timestamp, QUEUED, "", ""))

    def on_sending_started(self, ev, position: int) -> None:
        row = self.rows[str(ev.originator_id)]
        row.status, row.attempts, row.last_attempt_at = SENDING, ev.attempt, ev.timestamp
        row.message_id = getattr(ev, "message_id", "") or row.message_id
        if ev.unconfirmed:
            row.unconfirmed_resends += 1
            self.unconfirmed_total += 1
        row.history.append((ev.timestamp, SENDING, "unconfirmed" if ev.unconfirmed else "", ""))

    def on_delivered(self, ev, position: int) -> None:
        row = self.rows[str(ev.originator_id)]
        row.status, row.sent_at, row.settled_at = SENT, ev.timestamp, ev.timestamp
        row.error_code = row.error_detail = ""
        row.retry_at = None
        if self.refused.get(row.participant_id, None) and (
            self.refused[row.participant_id].address_tag == row.address_tag
        ):
            del self.refused[row.participant_id]  # the address works again
        row.history.append((ev.timestamp, SENT, "", ev.reply))

    def on_attempt_failed(self, ev, position: int) -> None:
        row = self.rows[str(ev.originator_id)]
        row.status = FAILED if ev.final else QUEUED
        row.error_code, row.error_detail = ev.code, ev.detail
        row.retry_at = dt.datetime.fromisoformat(ev.retry_at) if ev.retry_at else None
        row.settled_at = ev.timestamp if ev.final else None
        if ev.final and ev.code == "recipient_refused" and row.participant_id:
            self.refused[row.participant_id] = Refusal(
                row.address_tag, ev.code, ev.detail, ev.timestamp
            )
        row.history.append((ev.timestamp, row.status, ev.code, ev.detail))

    def on_postponed(self, ev, position: int) -> None:
        row = self.rows[str(ev.originator_id)]
        row.error_code, row.error_detail = ev.code, ev.detail
        row.history.append((ev.timestamp, QUEUED, ev.code, ev.detail))

    def on_withheld(self, ev, position: int) -> None:
        row = self.rows[str(ev.originator_id)]
        row.status, row.withheld_reason, row.settled_at = WITHHELD, ev.reason, ev.timestamp
        row.history.append((ev.timestamp, WITHHELD, ev.reason, ""))

    def on_resend_requested(self, ev, position: int) -> None:
        row = self.rows[str(ev.originator_id)]
        row.status, row.message_id, row.withheld_reason = QUEUED, ev.message_id, ""
        row.error_code = row.error_detail = ""
        row.retry_at = row.settled_at = None
        row.history.append((ev.timestamp, "resend", "", ""))

    # --- opt-outs ----------------------------------------------------------------------------

    def on_unsubscribed(self, ev, position: int) -> None:
        self.optouts[ev.address_tag] = True
        self._optout_tags[str(ev.originator_id)] = ev.address_tag

    def on_unsubscribed_again(self, ev, position: int) -> None:
        self.optouts[self._tag_of_optout(ev)] = True

    def on_lifted(self, ev, position: int) -> None:
        self.optouts[self._tag_of_optout(ev)] = False

    def _tag_of_optout(self, ev) -> str:
        return self._optout_tags[str(ev.originator_id)]

    # --- questions -----------------------------------------------------------------------------

    def opted_out(self, address_tag: str) -> bool:
        return self.optouts.get(address_tag, False)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows.values():
            counts[row.status] += 1
        return counts

    def due(self, now: dt.datetime) -> list[EmailRow]:
        """What the sender should try now, first first: waiting emails whose retry time has
        come, and any cut off mid-exchange (``sending`` at start)."""
        waiting = [
            row
            for row in self.rows.values()
            if row.status == SENDING
            or (row.status == QUEUED and (row.retry_at is None or row.retry_at <= now))
        ]
        return sorted(waiting, key=lambda row: row.priority)

    def next_retry(self) -> dt.datetime | None:
        times = [r.retry_at for r in self.rows.values() if r.status == QUEUED and r.retry_at]
        return min(times) if times else None

    def latest(self, status: str = "", kind: str = "", limit: int = 50, offset: int = 0):
        rows = [
            row
            for row in self.rows.values()
            if (not status or row.status == status) and (not kind or row.kind == kind)
        ]
        rows.sort(key=lambda row: row.position, reverse=True)
        return rows[offset : offset + limit], len(rows)

    def settled(self) -> list[EmailRow]:
        return [row for row in self.rows.values() if row.status in SETTLED]

    def kinds(self) -> list[str]:
        return sorted({row.kind for row in self.rows.values()})

    def for_participant(self, participant_id: str) -> list[EmailRow]:
        return [row for row in self.rows.values() if row.participant_id == participant_id]


__all__ = ["FAILED", "SENT", "EmailRow", "Refusal", "SendLog"]
