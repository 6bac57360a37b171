"""Asking the parties how a deal went, once its deadline has passed.

When the organiser turns it on, the sender's round (a chore, :func:`chore`) emails each party of
every flagged deal (deadline passed, not settled, never asked) the question with three answers,
each a personal link: no login, the token is the key (:class:`AnswerLinks`). The emails go once
(``once_key`` per deal and party), then ``FollowUpAsked`` is recorded; a crash between the two
asks no one twice. The answers come back through :mod:`hub.followup.answer_views`.

The links need the hub's public address (the mail settings' ``public_url``); without it the
chore waits and the board says so.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from itsdangerous import URLSafeSerializer

from hub.followup import board
from hub.followup.letters import QUESTION
from hub.followup.mail import Contacts, deal_line
from hub.mail.outbox import MailRequest
from hub.participants.links import LinkRefused, Links
from shared.core.checks import is_uuid
from shared.followup.rules import ANSWERS
from shared.i18n import format_date
from shared.web.csrf import load_or_create_secret

SECRET_FILE = "followup-link-secret"
KIND = "answer"
VALID_DAYS = 90  # how long after the question a link answers
ANSWER_PATH = "/followup/answer/"
EVERY = 600.0  # seconds between two looks at the board from the sender's round


class AnswerLinks(Links):
    """A party's answer link: the register's personal link (:class:`hub.participants.links.
    Links`, kind ``answer``: signed, with its last day) under a key and salt of its own, that also
    names the deal. A changed byte fails the signature (``link_invalid``), a link past its day is
    refused (``link_expired``); nothing about it is in the log."""

    def __init__(self, data_dir: Path):
        # Links' rules under a key of the follow-up's own (super() would take the register's)
        self._serializer = URLSafeSerializer(
            load_or_create_secret(data_dir, SECRET_FILE), salt="followup-answer"
        )

    def make_answer(self, deal_id: str, participant_id: str, last_day: dt.date) -> str:
        return self._serializer.dumps(
            {"p": participant_id, "k": KIND, "e": last_day.isoformat(), "d": deal_id}
        )

    def read_answer(self, token: str, today: dt.date | None = None) -> tuple[str, str]:
        """(deal id, participant id) the token names, or :class:`LinkRefused`."""
        participant_id = self.read(token, KIND, today)
        deal_id = self._serializer.loads(token).get("d")
        if not is_uuid(deal_id):
            raise LinkRefused("link_invalid", "this link is not valid")
        return deal_id, participant_id


def links(hub) -> AnswerLinks:
    return AnswerLinks(hub.data_dir)


def due(evening, today: dt.date) -> list[board.Row]:
    """Flagged deals nobody has asked about yet."""
    return [r for r in board.rows(evening, today) if r.flagged and not r.card.asked_on]


def _question(hub, row, party, contacts, base_url, today, lang) -> MailRequest:
    evening, pid = hub.evening, party.participant_id
    token = links(hub).make_answer(row.id, pid, today + dt.timedelta(days=VALID_DAYS))
    url = f"{base_url.rstrip('/')}{ANSWER_PATH}{token}"
    partners = [p.name for p in row.parties if p.participant_id != pid]
    context = {
        "partner": ", ".join(partners),
        "deal": deal_line(evening, row.deal, pid, contacts, lang),
        "deadline": format_date(row.deal.deadline, lang),
        **{f"link_{answer}": f"{url}?a={answer}" for answer in ANSWERS},
    }
    return MailRequest(
        "followup", pid, QUESTION, context, f"followup-ask:{row.id}:{pid}", lang=lang
    )


def ask(hub, outbox, today: dt.date, base_url: str, lang: str = "nb") -> int:
    """Email the parties of every deal due a question; returns how many deals were asked."""
    with hub.evening.lock.reading():
        rows = due(hub.evening, today)
        contacts = Contacts(hub)
        asked = []
        for row in rows:
            parties = [p for p in row.parties if contacts(p.participant_id)["email"]]
            requests = [_question(hub, row, p, contacts, base_url, today, lang) for p in parties]
            outbox.queue_many(requests)
            asked.append((row.id, [p.participant_id for p in parties]))
    for deal_id, participant_ids in asked:
        hub.record("ask_followup", deal_id, participant_ids, today.isoformat())
    return len(asked)


def chore(mailroom, every: float = EVERY):
    """The sender's round: ask when asking is on and the hub has a public address."""
    last = [0.0]

    def run(now: dt.datetime) -> None:
        if time.monotonic() - last[0] < every:
            return
        last[0] = time.monotonic()
        hub = mailroom.hub
        public_url = mailroom.settings.load().public_url
        if hub.evening.followup.asking and public_url:
            ask(hub, mailroom.outbox, now.astimezone().date(), public_url)

    return run
