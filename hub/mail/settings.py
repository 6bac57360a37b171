"""How the hub reaches its SMTP server, and what its mail says about where to go.

Kept in the data folder (``mail-settings.json``; the password alone in ``mail-smtp-password``,
both owner-only), set on the hub's settings page. The environment overrides the SMTP part, so
a hub can be set up by a script: ``BORS_SMTP_HOST``, ``BORS_SMTP_PORT``, ``BORS_SMTP_TLS``
(none | starttls | tls), ``BORS_SMTP_USER``, ``BORS_SMTP_PASSWORD``, ``BORS_SMTP_FROM``. The page
shows where each value came from (``env``, ``saved`` or ``default``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

from shared.core.checks import Checks
from shared.core.files import write_private

# The participants' own address rule, so an address the register takes is one mail takes.
from shared.participants.rules import _EMAIL as EMAIL_PATTERN

SECURITY = ("none", "starttls", "tls")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}

ENVIRONMENT = {
    "host": "BORS_SMTP_HOST",
    "port": "BORS_SMTP_PORT",
    "security": "BORS_SMTP_TLS",
    "user": "BORS_SMTP_USER",
    "password": "BORS_SMTP_PASSWORD",
    "from_address": "BORS_SMTP_FROM",
}

DEFAULTS: dict[str, object] = {
    "host": "",
    "port": None,  # by security: 25, 587 or 465
    "security": "starttls",
    "user": "",
    "password": "",
    "from_address": "",
    "reply_to": "",
    "public_url": "",  # where people reach the hub's public pages (the unsubscribe link)
    "signup_url": "",
    "catalogue_url": "",
    "reminder_on": False,
    "reminder_at": "12:00",  # on the day before the evening
    "keep_days": 90,  # how long a settled email's content is kept
    "per_minute": 0,  # the server's sending limit (0: none)
}

MAX_TEXT = 254
# The Message-ID's domain for an email queued before any sender address was set: it gets the
# sender's own domain at its first attempt (hub.mail.outbox.Outbox.claim).
NO_DOMAIN = "frivilligbors.invalid"


@dataclass(frozen=True)
class MailSettings:
    values: dict
    sources: dict  # field -> "env" | "saved" | "default"

    def __getattr__(self, name: str):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def ready(self) -> bool:
        """Enough to try: a server and a sender address."""
        return bool(self.values["host"] and self.values["from_address"])

    @property
    def smtp_port(self) -> int:
        return self.values["port"] or DEFAULT_PORTS[self.values["security"]]

    @property
    def from_domain(self) -> str:
        address = parseaddr(self.values["from_address"])[1]
        return address.rpartition("@")[2] or NO_DOMAIN

    @property
    def reply_address(self) -> str:
        return parseaddr(self.values["reply_to"] or self.values["from_address"])[1]

    @property
    def organiser(self) -> str:
        """The sender's name, as letters sign with it."""
        name, address = parseaddr(self.values["from_address"])
        return name or address


class SettingsFile:
    def __init__(self, data_dir: Path):
        self.path = data_dir / "mail-settings.json"
        self.password_path = data_dir / "mail-smtp-password"
        self._cache: tuple[tuple, MailSettings] | None = None

    def _stamp(self) -> tuple:
        def mtime(path: Path) -> float:
            try:
                return path.stat().st_mtime_ns
            except FileNotFoundError:
                return 0

        env = tuple(os.environ.get(name, "") for name in ENVIRONMENT.values())
        return (mtime(self.path), mtime(self.password_path), env)

    def saved(self) -> dict:
        try:
            data = json.loads(self.path.read_text())
        except (FileNotFoundError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def load(self) -> MailSettings:
        """The settings in force: environment over saved over defaults (cached until a file or
        the environment changes; the sender asks every few seconds)."""
        stamp = self._stamp()
        if self._cache and self._cache[0] == stamp:
            return self._cache[1]
        saved = self.saved()
        if self.password_path.exists():
            saved["password"] = self.password_path.read_text()
        values, sources = {}, {}
        for name, default in DEFAULTS.items():
            env_name = ENVIRONMENT.get(name)
            if env_name and os.environ.get(env_name, "") != "":
                values[name], sources[name] = _from_env(name, os.environ[env_name]), "env"
            elif name in saved and saved[name] not in ("", None):
                values[name], sources[name] = saved[name], "saved"
            else:
                values[name], sources[name] = default, "default"
        settings = MailSettings(values, sources)
        self._cache = (stamp, settings)
        return settings

    def save(self, form: dict, keep_password: bool = True) -> MailSettings:
        """Check and store what the organiser typed; the password only when one was typed
        (or removed with ``remove_password``). Raises ``ValidationFailed``."""
        clean = validate(form)
        current = self.saved()
        current.update(clean)  # the reminder's fields are kept: it has a page of its own
        write_private(self.path, json.dumps(current, indent=2, ensure_ascii=False))
        if form.get("remove_password"):
            self.password_path.unlink(missing_ok=True)
        elif form.get("password"):
            write_private(self.password_path, str(form["password"]))
        return self.load()

    def save_reminder(self, on: bool, at: str) -> None:
        current = self.saved()
        current.update({"reminder_on": on, "reminder_at": at})
        write_private(self.path, json.dumps(current, indent=2, ensure_ascii=False))


def _from_env(name: str, raw: str) -> object:
    if name == "port":
        return int(raw) if raw.strip().isdigit() else None
    if name == "security":
        return raw.strip().lower() if raw.strip().lower() in SECURITY else "starttls"
    return raw.strip() if name != "password" else raw


def _address(c: Checks, data: dict, field: str, required: bool) -> str:
    value = c.text(data, field, MAX_TEXT, required=required)
    if value and not EMAIL_PATTERN.match(parseaddr(value)[1]):
        c.add(field, "invalid_email")
    return value


def _url(c: Checks, data: dict, field: str) -> str:
    value = c.text(data, field, 500, required=False).rstrip("/") if data.get(field) else ""
    if value and not value.startswith(("https://", "http://")):
        c.add(field, "invalid_url")
    return value


def validate(data: dict) -> dict:
    c = Checks()
    host = c.text(data, "host", MAX_TEXT, required=False)
    if any(ch in host for ch in " /:@"):
        c.add("host", "invalid_host")
    security = c.choice(data, "security", SECURITY, code="unknown_security")
    port = c.whole_number(data, "port", 1, 65535, default="") if data.get("port") else None
    clean = {
        "host": host,
        "port": port,
        "security": security,
        "user": c.text(data, "user", MAX_TEXT, required=False),
        "from_address": _address(c, data, "from_address", required=bool(host)),
        "reply_to": _address(c, data, "reply_to", required=False),
        "public_url": _url(c, data, "public_url"),
        "signup_url": _url(c, data, "signup_url"),
        "catalogue_url": _url(c, data, "catalogue_url"),
        "keep_days": c.whole_number(data, "keep_days", 1, 3650, default=90),
        "per_minute": c.whole_number(data, "per_minute", 0, 100_000, default=0),
    }
    c.done()
    return clean


def validate_reminder(data: dict) -> tuple[bool, str]:
    c = Checks()
    at = c.time(data, "reminder_at")
    c.done()
    return data.get("reminder_on") in ("on", True, "true", "1"), at
