"""Which ``Host`` a page may be asked for by: this machine's own names and addresses, no other.

DNS rebinding: a page on a name the attacker controls (``attacker.local`` on the venue Wi-Fi,
or any name on the internet) points that name at this machine's address, and the laptop's or
the tablet's own browser then fetches our pages "from itself", same-origin for the attacker's
script. The browser still sends the attacker's name as ``Host``, so the pages that matter
answer only when asked for by a name or an address that is this machine's: ``localhost``, its
host name (and that name with ``.local``, as mDNS gives it), names the app adds (the hub's
zeroconf name), loopback, or an address on one of its interfaces. A suffix is never enough.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from urllib.parse import urlsplit

from flask import current_app, request

from shared.sync.discovery import local_addresses

REFRESH = 5.0  # seconds: a laptop joins the venue's network after the hub started

_seen: tuple[float, frozenset[str]] = (-1e9, frozenset())


def _own_addresses() -> frozenset[str]:
    global _seen
    if time.monotonic() - _seen[0] > REFRESH:
        _seen = (time.monotonic(), frozenset(local_addresses()))
    return _seen[1]


def own_names() -> frozenset[str]:
    """``localhost``, this machine's host name, its short form and ``.local`` twin, and the
    names the app was given (``OWN_HOST_NAMES``)."""
    full = socket.gethostname().lower().rstrip(".")
    short = full.split(".")[0]
    extra = current_app.config.get("OWN_HOST_NAMES", ())
    return frozenset({"localhost", full, short, f"{short}.local", *(n.lower() for n in extra)})


def is_own_address(text: str) -> bool:
    """Loopback, or an address on one of this machine's interfaces."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    if address.is_loopback:
        return True
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return is_own_address(str(address.ipv4_mapped))
    own = _own_addresses()
    return str(address) in own or (
        isinstance(address, ipaddress.IPv6Address)
        and address.scope_id is not None
        and str(address).split("%")[0] in {a.split("%")[0] for a in own}
    )


def asked_for_name() -> str | None:
    """The host part of ``Host`` (lower case, no port, no brackets), or None if unreadable."""
    try:
        name = urlsplit(f"//{request.host}").hostname
    except ValueError:
        return None
    return name.rstrip(".") if name else None


def host_is_own() -> bool:
    """Whether this request asked for one of this machine's own names or addresses."""
    name = asked_for_name()
    if not name:
        return False
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return name in own_names()
    return is_own_address(name)
