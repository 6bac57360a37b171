"""The hub's mail room: one outbox for every email the hub sends, sent exactly once.

:class:`Mailroom` puts it together for one hub: the settings, the organiser's texts, the outbox
(opened on first use, so an app that never mails opens no mail database) and the sender thread
(started by ``bors hub``; see :mod:`hub.mail.sender`). Views reach it with
:func:`current_mailroom` / :func:`current_outbox`; rooms that send mail call
``current_outbox().queue(...)`` (:mod:`hub.mail.outbox`, docs/mail.md).
"""

from __future__ import annotations

import threading

from flask import Flask, current_app

from hub.mail.outbox import Attachment, MailRefused, Outbox
from hub.mail.settings import SettingsFile
from hub.mail.texts import TextStore

__all__ = [
    "Attachment",
    "MailRefused",
    "Mailroom",
    "address_refused",
    "current_mailroom",
    "current_outbox",
]


class Mailroom:
    def __init__(self, hub):
        self.hub = hub
        self.settings = SettingsFile(hub.data_dir)
        self.texts = TextStore(hub.data_dir)
        self._outbox: Outbox | None = None
        self._opening = threading.Lock()
        self.sender = None
        # Other rooms' jobs for the sender's every round: each a callable(mailroom) giving a
        # chore(now) (the follow-up asks the parties at their deadlines). Added at install.
        self.chore_factories: list = []
        # Other rooms' chores for the sender's round: each a factory (mailroom) -> chore(now)
        self.chore_factories: list = []

    @property
    def outbox(self) -> Outbox:
        if self._outbox is None:
            with self._opening:
                if self._outbox is None:
                    self._outbox = Outbox(self.hub, self.settings, self.texts)
        return self._outbox

    def start(self) -> None:
        """Start the sender thread (``bors hub`` does, once the hub serves)."""
        from hub.mail.audience import purge_chore, reminder_chore
        from hub.mail.sender import Sender

        if self.sender is None:
            self.sender = Sender(self)
            self.sender.chores = [reminder_chore(self), purge_chore(self)]
            self.sender.chores += [factory(self) for factory in self.chore_factories]
            self.sender.chores += [make(self) for make in self.chore_factories]
            self.outbox.on_queued = self.sender.wake
            self.sender.start()

    def stop(self, timeout: float = 10.0) -> None:
        if self.sender is not None:
            self.sender.stop()
            self.sender.join(timeout)
            self.sender = None

    def close(self) -> None:
        self.stop()
        if self._outbox is not None:
            self._outbox.close()
            self._outbox = None


def install(app: Flask, hub) -> Mailroom:
    mailroom = Mailroom(hub)
    app.extensions["mail"] = mailroom
    return mailroom


def current_mailroom() -> Mailroom:
    return current_app.extensions["mail"]


def current_outbox() -> Outbox:
    return current_mailroom().outbox


def address_refused(participant_id: str, address: str) -> str:
    """The server's refusal of this participant's address, in its own words ("" when it was
    not refused, or was refused for an address they no longer have): for the register, which
    marks such an address as failing."""
    outbox = current_outbox()
    if not outbox.refused(participant_id, address):
        return ""
    return outbox.log.refused[participant_id].detail
