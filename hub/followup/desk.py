"""The follow-up's use cases on the hub: every change checked against the card it changes,
notes sealed, and recorded as one event in the hub's journal.

Notes are sealed with a key of the hub's own (``followup-notes-key`` in the data folder,
libsodium's SecretBox): the hub's log travels to every tablet, and what the organiser writes
about a phone call may name people (promise 8). Only the hub opens them.
"""

from __future__ import annotations

import base64
import datetime as dt
import threading
from pathlib import Path

import nacl.exceptions
import nacl.secret

from shared.core.checks import FieldError, ValidationFailed
from shared.core.errors import CodedError
from shared.followup import rules
from shared.web.csrf import load_or_create_secret

NOTES_KEY = "followup-notes-key"


class FollowUpRefused(CodedError):
    status = 404


class NoteSeal:
    def __init__(self, data_dir: Path):
        self._box = nacl.secret.SecretBox(load_or_create_secret(data_dir, NOTES_KEY))
        self._opened: dict[str, str] = {}

    def seal(self, text: str) -> str:
        return base64.b64encode(self._box.encrypt(text.encode())).decode() if text else ""

    def open(self, sealed: str) -> str:
        if not sealed:
            return ""
        if sealed not in self._opened:
            try:
                self._opened[sealed] = self._box.decrypt(base64.b64decode(sealed)).decode()
            except (nacl.exceptions.CryptoError, ValueError):
                self._opened[sealed] = ""
        return self._opened[sealed]


_seals: dict[Path, NoteSeal] = {}
_seals_lock = threading.Lock()


def notes_of(hub) -> NoteSeal:
    with _seals_lock:
        if hub.data_dir not in _seals:
            _seals[hub.data_dir] = NoteSeal(hub.data_dir)
        return _seals[hub.data_dir]


def counted_deal(hub, deal_id: str):
    deal = hub.evening.deals.get(deal_id)
    if deal is None or deal.voided:
        raise FollowUpRefused("unknown_deal", "no such deal")
    return deal


def clean_change(hub, deal_id: str, data: dict) -> dict:
    """``data`` as a change of this deal's card (notes sealed), or :class:`ValidationFailed`.

    Fields given with the value already on the card are left out; nothing left is refused.
    """
    counted_deal(hub, deal_id)
    card = hub.evening.followup.card(deal_id)
    clean = rules.validate_change(data, current_reason=card.reason)
    notes = notes_of(hub)
    changed = {k: v for k, v in clean.items() if v != _on_card(card, k, notes)}
    if not changed:
        raise ValidationFailed([FieldError("changes", "nothing_changed")])
    if "notes" in changed:
        changed["notes"] = notes.seal(changed["notes"])
    return changed


def _on_card(card, name: str, notes: NoteSeal) -> str:
    value = getattr(card, name)
    return notes.open(value) if name == "notes" else value


def change(hub, deal_id: str, data: dict, via: str = "board") -> dict:
    """Record one change of a deal's follow-up; returns what was recorded (notes sealed)."""

    def record(journal):
        changes = clean_change(hub, deal_id, data)
        journal.record_followup(deal_id, changes, via)
        return changes

    return hub.record(record)


def set_asking(hub, on: bool) -> None:
    if hub.evening.followup.asking != bool(on):
        hub.record("set_followup_asking", bool(on))


def today() -> dt.date:
    return dt.date.today()
