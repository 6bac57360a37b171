"""Finding the hub on the venue LAN with zeroconf (mDNS/DNS-SD).

The hub advertises ``_frivilligbors._tcp.local.`` with its id in the TXT record; a kiosk started
without ``--hub`` browses for it and follows it when its address changes (a laptop that moved
from cable to Wi-Fi, or a spare laptop taking over). Pairing pins the hub's
identity: a paired kiosk follows only adverts with its hub's id whose address proves the hub's
key (see :class:`HubFinder`); an unpaired one follows the first hub it sees, to offer it for
pairing.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable

from zeroconf import InterfaceChoice, ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf

log = logging.getLogger(__name__)

SERVICE_TYPE = "_frivilligbors._tcp.local."
VERIFY_RETRIES = 60  # an advert whose address cannot prove the key yet is asked again ...
VERIFY_PAUSE = 1.0  # ... every second for a minute


def _interfaces(address: str | None):
    if address and address not in ("0.0.0.0", "::"):
        return [address]
    return InterfaceChoice.All


class HubAdvert:
    """Advertise a hub until :meth:`close`."""

    def __init__(self, hub_id: str, port: int, name: str, address: str | None = None):
        self.zeroconf = Zeroconf(interfaces=_interfaces(address))
        host = socket.gethostname().split(".")[0] or "hub"
        addresses = [address] if address and address not in ("0.0.0.0", "::") else None
        self.info = ServiceInfo(
            SERVICE_TYPE,
            f"{name} {hub_id[:8]}.{SERVICE_TYPE}",
            port=port,
            properties={"id": hub_id, "path": "/"},
            server=f"{host}-{hub_id[:8]}.local.",
            parsed_addresses=addresses,
        )
        if addresses is None:
            # Advertise every address this machine has on its LANs.
            from zeroconf import IPVersion

            self.info = ServiceInfo(
                SERVICE_TYPE,
                self.info.name,
                port=port,
                properties={"id": hub_id, "path": "/"},
                server=self.info.server,
                parsed_addresses=local_addresses(),
            )
            del IPVersion
        self.zeroconf.register_service(self.info)

    def close(self) -> None:
        try:
            self.zeroconf.unregister_service(self.info)
        finally:
            self.zeroconf.close()


def local_addresses() -> list[str]:
    import ifaddr  # zeroconf's own dependency

    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str) and not ip.ip.startswith("127."):
                found.append(ip.ip)
    return found


class HubFinder:
    """Keeps the URL of the hub currently advertised on the LAN.

    A paired kiosk follows only adverts carrying its hub's id, and (with ``verify``) only after
    the advertised address has proven it holds the hub's pinned key: an advert copies an id
    easily, a key it cannot. Every advert set aside is kept in :attr:`ignored` with the reason
    (``identity_mismatch``: another hub id; ``identity_unproven``: the right id, but the
    address could not prove the key), which the kiosk shows in its status.
    """

    def __init__(
        self,
        expected_hub_id: str | None = None,
        address: str | None = None,
        verify: Callable[[str], bool] | None = None,
    ):
        self.expected_hub_id = expected_hub_id
        self.verify = verify
        self.ignored: dict[str, str] = {}  # advert name -> why it was ignored
        self._seen: dict[str, tuple[str, str]] = {}  # advert name -> (hub id, url)
        self._url: str | None = None
        self._hub_id: str | None = None
        self._lock = threading.Lock()
        self._retrying: set[tuple[str, str]] = set()
        self._closed = threading.Event()
        self.zeroconf = Zeroconf(interfaces=_interfaces(address))
        self.browser = ServiceBrowser(self.zeroconf, SERVICE_TYPE, handlers=[self._on_change])

    @property
    def url(self) -> str | None:
        with self._lock:
            return self._url

    @property
    def hub_id(self) -> str | None:
        with self._lock:
            return self._hub_id

    def expect(self, hub_id: str) -> None:
        """Follow only ``hub_id`` from now on (the kiosk was just paired)."""
        self.expected_hub_id = hub_id
        with self._lock:
            if self._hub_id != hub_id:
                self._url, self._hub_id = None, None
            seen = list(self._seen.items())
        for name, (advert_id, url) in seen:
            self._consider(name, advert_id, url)

    def _on_change(
        self, zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        if state_change is ServiceStateChange.Removed:
            return  # keep the last address: the hub may only be restarting
        info = zeroconf.get_service_info(service_type, name, timeout=3000)
        if info is None or not info.parsed_addresses():
            return
        props = {k.decode(): (v or b"").decode() for k, v in info.properties.items()}
        address = next(
            (a for a in info.parsed_addresses() if ":" not in a), info.parsed_addresses()[0]
        )
        host = f"[{address}]" if ":" in address else address
        url = f"http://{host}:{info.port}"
        with self._lock:
            self._seen[name] = (props.get("id", ""), url)
        self._consider(name, props.get("id", ""), url)

    def _consider(self, name: str, hub_id: str, url: str) -> None:
        if self.expected_hub_id and hub_id != self.expected_hub_id:
            self.ignored[name] = "identity_mismatch"
            log.warning("ignoring hub advert %s: not the paired hub", name)
            return
        if self.expected_hub_id and self.verify is not None and not self.verify(url):
            self.ignored[name] = "identity_unproven"
            log.warning("ignoring hub advert %s at %s: it cannot prove the hub's key", name, url)
            self._retry_later(name, hub_id, url)
            return
        self._adopt(name, hub_id, url)

    def _retry_later(self, name: str, hub_id: str, url: str) -> None:
        """A hub advertises a moment before it answers: ask the address again for a while."""
        key = (name, url)
        with self._lock:
            if key in self._retrying:
                return
            self._retrying.add(key)

        def retry() -> None:
            try:
                for _ in range(VERIFY_RETRIES):
                    if self._closed.wait(VERIFY_PAUSE) or self._seen.get(name, ("", ""))[1] != url:
                        return
                    if self.verify is not None and self.verify(url):
                        self._adopt(name, hub_id, url)
                        return
            finally:
                with self._lock:
                    self._retrying.discard(key)

        threading.Thread(target=retry, name="hub-verify", daemon=True).start()

    def _adopt(self, name: str, hub_id: str, url: str) -> None:
        self.ignored.pop(name, None)
        with self._lock:
            self._url = url
            self._hub_id = hub_id
        log.info("hub found at %s", url)

    def close(self) -> None:
        self._closed.set()
        self.browser.cancel()
        self.zeroconf.close()
