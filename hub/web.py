"""What every hub view needs: the hub this app serves, how a form's errors are shown, and
the address other devices on the venue LAN reach this hub at."""

from __future__ import annotations

import ipaddress
import time
from urllib.parse import urlsplit

from flask import current_app, request

from hub.service import Hub
from shared.core.checks import ValidationFailed
from shared.sync.discovery import local_addresses
from shared.web import _


def current_hub() -> Hub:
    return current_app.extensions["hub"]


def form_errors(failed: ValidationFailed) -> dict[str, str]:
    """One message per wrong field, in the organiser's language."""
    return {f: _(f"error.{code}") for f, code in failed.codes().items()}


LOOPBACK = ("127.0.0.1", "localhost", "::1")
_lan_seen: tuple[float, str | None] = (-1e9, None)


def lan_address() -> str | None:
    """This laptop's first private IPv4 address, read from its interfaces (nothing is sent),
    looked up again after a minute in case the laptop joined the venue's network late."""
    global _lan_seen
    seen_at, address = _lan_seen
    if time.monotonic() - seen_at > 60:
        private = [
            a for a in local_addresses() if ":" not in a and ipaddress.ip_address(a).is_private
        ]
        address = private[0] if private else None
        _lan_seen = (time.monotonic(), address)
    return address


def reachable_url() -> str:
    """This hub as phones and tablets on the venue LAN reach it: the address the browser used,
    except that a page opened on the laptop itself (127.0.0.1) would hand them a loopback
    address; then the laptop's own LAN address is the better guess."""
    address = urlsplit(f"//{request.host}")
    hostname, port = address.hostname or "", address.port
    if hostname in LOOPBACK and (lan := lan_address()):
        return f"http://{lan}:{port}" if port else f"http://{lan}"
    return request.host_url.rstrip("/")
