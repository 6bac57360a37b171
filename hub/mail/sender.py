"""The sender: a thread in the hub process that delivers what the outbox holds, once.

For each email it records ``sending`` (the claim) before the SMTP exchange and ``sent`` after
the server's final 250, so after a crash only what was never confirmed goes again, with the
same ``Message-ID`` (docs/mail.md measures the window). One connection carries many emails;
waiting emails are read again every :data:`BATCH`, so a test email or a confirmation queued in
the middle of an invitation round goes next.

With no SMTP settings, or no network at the venue, it waits quietly and holds nothing else up:
a problem of the server's (unreachable, TLS, login, sender refused) backs off with jitter from
``BORS_MAIL_RETRY_SECONDS`` (15 s) doubling to :data:`BACKOFF_CAP`; saving the settings or the
test-email button wakes it at once. A refusal of one email (its recipient, its content) is
that email's: a 5xx fails it for good, a 4xx retries it later, up to :data:`MAX_ATTEMPTS`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import threading
import time
from dataclasses import dataclass, replace

from hub.mail import mime
from hub.mail.outbox import now
from hub.mail.smtp import MESSAGE, SmtpProblem, SmtpSession

log = logging.getLogger(__name__)

BATCH = 25  # emails between two looks at what waits
PER_CONNECTION = 100  # many servers close a connection after about this many
BACKOFF_CAP = 600.0
IDLE_WAIT = 30.0  # nothing to do: look again (the reminder's time may have come)
MAX_ATTEMPTS = 8
MESSAGE_RETRY_CAP = 6 * 3600.0


def retry_base() -> float:
    try:
        return max(0.05, float(os.environ.get("BORS_MAIL_RETRY_SECONDS", "15")))
    except ValueError:
        return 15.0


@dataclass(frozen=True)
class SenderState:
    """What the sender is doing, for the pages and ``/api/outbox``."""

    phase: str = "starting"  # idle, not_configured, sending, waiting, stopped
    code: str = ""  # the server's last problem while waiting
    detail: str = ""
    since: dt.datetime | None = None
    next_try_at: dt.datetime | None = None
    sent: int = 0  # since the hub started

    def as_json(self) -> dict:
        return {
            "phase": self.phase,
            "error": {"code": self.code, "detail": self.detail} if self.code else None,
            "since": self.since.isoformat() if self.since else None,
            "next_try_at": self.next_try_at.isoformat() if self.next_try_at else None,
            "sent_since_start": self.sent,
        }


class Sender(threading.Thread):
    def __init__(self, mailroom):
        super().__init__(name="mail-sender", daemon=True)
        self.mailroom = mailroom
        self.outbox = mailroom.outbox
        self.state = SenderState(since=now())
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._failures = 0
        self._backoff_until = 0.0
        self._last_send = 0.0
        self._unrecorded: tuple[str, str] | None = None  # (email id, reply): sent, not yet recorded
        self.chores = []  # callables(now) run on every round: the reminder, the purge

    def wake(self, reset: bool = False) -> None:
        """Look again now; ``reset`` forgets the backoff (the settings changed)."""
        if reset:
            self._failures, self._backoff_until = 0, 0.0
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def _set(self, phase: str, **changes) -> None:
        state = self.state
        if phase != state.phase:
            changes.setdefault("since", now())
        self.state = replace(state, phase=phase, **changes)

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                delay = self.step()
            except Exception:  # a bug must not end the thread that delivers every email
                log.exception("the mail sender failed a round")
                delay = IDLE_WAIT
            if delay > 0:
                self._wake.wait(delay)
            self._wake.clear()
        self._set("stopped")

    def step(self) -> float:
        """One round; how long to wait before the next."""
        for chore in self.chores:
            chore(now())
        waiting = self.outbox.due()
        if not waiting:
            self._set("idle", code="", detail="", next_try_at=self.outbox.log.next_retry())
            return self._until_next_retry()
        settings = self.mailroom.settings.load()
        if not settings.ready:
            self._set("not_configured", code="", detail="")
            return IDLE_WAIT
        pause = self._backoff_until - time.monotonic()
        if pause > 0:
            return pause
        self._deliver(settings)
        return 0.0 if self.outbox.due() and not self._backoff_until else self._until_next_retry()

    def _until_next_retry(self) -> float:
        later = self.outbox.log.next_retry()
        if later is None:
            return IDLE_WAIT
        return max(0.05, min(IDLE_WAIT, (later - now()).total_seconds()))

    # --- delivering -----------------------------------------------------------------------------

    def _deliver(self, settings) -> None:
        session = SmtpSession(settings)
        try:
            session.open()
        except SmtpProblem as problem:
            self._server_failed(problem, None)
            return
        try:
            self._deliver_over(session, settings)
        finally:
            session.close()

    def _deliver_over(self, session: SmtpSession, settings) -> None:
        sent_here = 0
        try:
            while not self._stopping.is_set():
                self._record_sent()  # before asking what is due: it is "sending" until then
                batch = self.outbox.due()[:BATCH]
                if not batch:
                    return
                for row in batch:
                    if self._stopping.is_set():
                        return
                    if (
                        sent_here
                        and sent_here % PER_CONNECTION == 0
                        and not self._reconnect(session)
                    ):
                        return
                    if settings.per_minute:
                        self._record_sent()  # never let a pause widen the window
                        self._throttle(settings.per_minute)
                    if not self._send_one(session, settings, row.id):
                        return
                    sent_here += 1
        finally:
            self._record_sent()

    def _reconnect(self, session: SmtpSession) -> bool:
        """A fresh connection (servers close one after about a hundred emails); False when the
        server is gone, and the sender backs off as for any server problem."""
        self._record_sent()
        session.close()
        try:
            session.open()
        except SmtpProblem as problem:
            self._server_failed(problem, None)
            return False
        return True

    def _record_sent(self) -> None:
        """Record ``sent`` for the email the server just took, if not done with the next claim."""
        if self._unrecorded is not None:
            self.outbox.delivered(*self._unrecorded)
            self._unrecorded = None

    def _send_one(self, session: SmtpSession, settings, email_id: str) -> bool:
        """Claim (recording the one before as sent), send; False when the server failed and
        the round must end."""
        outgoing = self.outbox.claim(email_id, self._unrecorded)
        self._unrecorded = None
        if outgoing is None:
            return True
        try:
            message = mime.build(
                outgoing.payload,
                outgoing.message_id,
                outgoing.kind,
                outgoing.address_tag,
                outgoing.lang,
                settings,
                now(),
            )
        except (ValueError, TypeError, LookupError) as error:
            # One email that cannot be made must not stop every email behind it.
            log.exception("email %s cannot be made into a message", outgoing.email_id)
            return self._failed(outgoing, SmtpProblem("message_invalid", str(error), MESSAGE, True))
        self._last_send = time.monotonic()
        try:
            reply = session.send(message, outgoing.payload["to"])
        except SmtpProblem as problem:
            return self._failed(outgoing, problem)
        self._unrecorded = (outgoing.email_id, reply)
        self._failures, self._backoff_until = 0, 0.0
        self._set("sending", code="", detail="", next_try_at=None, sent=self.state.sent + 1)
        return True

    def _failed(self, outgoing, problem: SmtpProblem) -> bool:
        if problem.scope == MESSAGE:
            final = problem.permanent or outgoing.attempt >= MAX_ATTEMPTS
            delay = min(retry_base() * 4 * 2 ** (outgoing.attempt - 1), MESSAGE_RETRY_CAP)
            retry_at = None if final else now() + dt.timedelta(seconds=delay)
            self.outbox.failed(outgoing.email_id, problem.code, problem.detail, final, retry_at)
            return True
        # The server's own problem mid-exchange (the line dropped): this email's fate is not
        # known, it goes again once the server answers (a possible second copy, docs/mail.md).
        self.outbox.failed(outgoing.email_id, problem.code, problem.detail, False, None)
        self._server_failed(problem, None)
        return False

    def _server_failed(self, problem: SmtpProblem, email_id: str | None) -> None:
        self._failures += 1
        delay = min(retry_base() * 2 ** (self._failures - 1), BACKOFF_CAP)
        delay *= random.uniform(0.8, 1.2)
        self._backoff_until = time.monotonic() + delay
        head = self.outbox.due()
        if head:
            self.outbox.postpone(email_id or head[0].id, problem.code, problem.detail)
        log.warning("mail waits %.0f s: %s %s", delay, problem.code, problem.detail)
        self._set(
            "waiting",
            code=problem.code,
            detail=problem.detail,
            next_try_at=now() + dt.timedelta(seconds=delay),
        )

    def _throttle(self, per_minute: int) -> None:
        if per_minute <= 0:
            return
        gap = 60.0 / per_minute - (time.monotonic() - self._last_send)
        if gap > 0:
            self._stopping.wait(gap)
