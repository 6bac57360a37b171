"""The broker lock: after a few idle minutes the kiosk asks for the tablet's PIN.

A guest who picks up an unattended tablet must not register deals or browse participants. The
PIN (set when pairing, or with ``bors kiosk set-pin``) is stored hashed with argon2 in the data
folder; without a PIN the lock is off. The idle timer runs twice: ``lock.js`` sends the browser
to ``/lock`` after :data:`IDLE_SECONDS` without a touch or key, and the server refuses every
page and API call (``kiosk_locked``, 423) from a session idle that long, so closing the script
or typing a URL does not get round it. The status bar's polling does not count as activity.
"""

from __future__ import annotations

import time
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app, redirect, request, session, url_for

from shared.core.errors import CodedError
from shared.core.files import write_private
from shared.web import _, error_page, hosts
from shared.web.throttle import GuessLimit

IDLE_SECONDS = 180
PIN_FILE = "broker-pin"
MAX_WRONG = 5  # per client address per minute, then the lock pauses for that client
MAX_WRONG_REMOTE = 20  # all addresses but the tablet's own, together, per minute
SECRET_WHEN_LOCKED = ("device", "hub_id", "hub_fingerprint")  # who this tablet is, and its hub
# The sync state is no secret and process supervisors poll it: it stays readable when locked.
OPEN_ENDPOINTS = {
    "kiosk_lock.lock",
    "kiosk_lock.unlock",
    "kiosk_lock.static",
    "common.static",
    "kiosk_status.status_bar",
    "kiosk_status.api_status",
    "kiosk_pairing.pairing_status",
    "openapi_document",
}
PASSIVE_PATHS = {"/status", "/api/status"}

_hasher = PasswordHasher()


def valid_pin(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12


def set_pin(data_dir: Path, pin: str) -> None:
    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    write_private(data_dir / PIN_FILE, _hasher.hash(pin))


def _pin_hash(data_dir: Path) -> str | None:
    try:
        return (data_dir / PIN_FILE).read_text().strip()
    except OSError:
        return None


def has_pin(data_dir: Path) -> bool:
    """Whether a PIN was ever chosen (without one the tablet does not lock)."""
    return _pin_hash(data_dir) is not None


def check_pin(data_dir: Path, pin: str) -> bool:
    stored = _pin_hash(data_dir)
    if stored is None:
        return False
    try:
        return _hasher.verify(stored, pin)
    except (VerificationError, InvalidHashError):
        return False


def _idle_limit() -> float:
    return current_app.config.get("LOCK_IDLE_SECONDS", IDLE_SECONDS)


def data_dir() -> Path:
    return current_app.extensions["kiosk"].data_dir


def guard():
    if request.endpoint in OPEN_ENDPOINTS or request.endpoint is None:
        return None
    if _pin_hash(data_dir()) is None:
        return None  # no PIN chosen: no lock
    last = session.get("active_at")
    if last is None or time.time() - last > _idle_limit():
        session.pop("active_at", None)
        if request.path.startswith("/api/"):
            raise CodedError("kiosk_locked", _("lock.title"), 423)
        if request.headers.get("HX-Request"):
            return "", 204, {"HX-Redirect": url_for("kiosk_lock.lock")}
        return redirect(url_for("kiosk_lock.lock"))
    if request.path not in PASSIVE_PATHS:
        session["active_at"] = time.time()
    return None


def is_locked() -> bool:
    """A PIN is set and this session has been idle past the limit (or never unlocked)."""
    if _pin_hash(data_dir()) is None:
        return False
    last = session.get("active_at")
    return last is None or time.time() - last > _idle_limit()


def visible(facts: dict) -> dict:
    """What the open endpoints may tell: without the tablet's and its hub's identity while
    locked (the sync state stays readable, for the status bar and process supervisors)."""
    if not is_locked():
        return facts
    return {k: v for k, v in facts.items() if k not in SECRET_WHEN_LOCKED}


def refuse_foreign_hosts():
    """The kiosk answers only to this tablet's own names and addresses (DNS rebinding: a page
    on the venue Wi-Fi must not read the participant list through the tablet's browser).
    Style sheets and scripts hold nothing: they stay served, so the refusal reads well."""
    if hosts.host_is_own() or (request.endpoint or "").endswith("static"):
        return None
    if request.path.startswith("/api/"):
        raise CodedError("untrusted_host", _("lock.untrusted_host"), 403)
    return error_page(_("lock.untrusted_host"), 403)


def mark_active() -> None:
    session["active_at"] = time.time()


def install(app: Flask, idle_seconds: float | None = None) -> None:
    if idle_seconds is not None:
        app.config["LOCK_IDLE_SECONDS"] = idle_seconds
    app.extensions["wrong_pins"] = GuessLimit(MAX_WRONG, MAX_WRONG_REMOTE, spare_local=False)
    app.before_request(refuse_foreign_hosts)
    app.before_request(guard)

    @app.context_processor
    def _lock_context():
        return {
            "lock_idle_ms": int(_idle_limit() * 1000),
            "lock_enabled": _pin_hash(data_dir()) is not None,
        }
