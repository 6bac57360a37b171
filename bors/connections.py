"""A share of waitress's connections per client address, so one address cannot hold them all.

Waitress stops accepting at its ``connection_limit`` (1,000 here) whoever holds the
connections. Someone on the venue Wi-Fi opening 1,010 slow connections (a header sent a byte
a minute) would leave the stage screen, the phones and the tablets' sync waiting in the
kernel's queue. :func:`guard` makes the server close, as soon as it is accepted, any connection
from an address that already holds :data:`PER_ADDRESS` of them. The machine itself (loopback
``127.0.0.1``/``::1`` and its own interface addresses: the organiser's browser, the projector's
window, the benchmarks' hundreds of viewers) is not limited. Other addresses, including other
loopback addresses such as ``127.0.0.2`` (which only a test uses), are.
"""

from __future__ import annotations

import time

from waitress.channel import HTTPChannel

from shared.sync.discovery import local_addresses

PER_ADDRESS = 64  # a phone's browser opens 6; a tablet 2 or 3; a screen on another laptop ~10
MACHINE_ITSELF = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})


class _OwnAddresses:
    """This machine's interface addresses, read again every few seconds (networks change)."""

    def __init__(self, refresh: float = 5.0):
        self.refresh, self._at, self._known = refresh, -1e9, frozenset()

    def __contains__(self, address: str) -> bool:
        if address in MACHINE_ITSELF:
            return True
        if time.monotonic() - self._at > self.refresh:
            self._at, self._known = time.monotonic(), frozenset(local_addresses())
        return address in self._known


def _held_by(server, address: str) -> int:
    return sum(1 for channel in list(server.active_channels.values()) if channel.addr[0] == address)


def guarded_channel(per_address: int = PER_ADDRESS) -> type[HTTPChannel]:
    """An ``HTTPChannel`` that refuses to exist past ``per_address`` for one address."""
    own = _OwnAddresses()

    class GuardedChannel(HTTPChannel):
        def __init__(self, server, sock, addr, adj, map=None):
            address = addr[0] if isinstance(addr, tuple) and addr else str(addr)
            if address not in own and _held_by(server, address) >= per_address:
                sock.close()  # accepted and closed at once: this address has its share
                self.addr, self.connected, self.refused = addr, False, True
                return
            super().__init__(server, sock, addr, adj, map)

    return GuardedChannel


def guard(server, per_address: int = PER_ADDRESS) -> None:
    """Give a waitress server (from ``create_server``) the per-address share."""
    servers = getattr(server, "map", None)
    targets = [s for s in servers.values() if hasattr(s, "channel_class")] if servers else []
    for target in targets or [server]:
        target.channel_class = guarded_channel(per_address)
