"""Issue 11, item 23: one address opening 1,010 slow connections does not stop a real hub
(waitress, its own process) answering others: the stage screen, the public figures and a
paired tablet's sealed sync keep answering while the guest holds on.

The guest's connections come from ``127.0.0.2`` (another address on the loopback network: the
hub limits every address but the machine's own ``127.0.0.1`` and interface addresses), each
sending half a request line and then nothing, as a slow-loris client does.
"""

from __future__ import annotations

import socket
import time

import pytest
import requests

from bors.connections import PER_ADDRESS
from kiosk.hub_client import HubClient
from shared.core.device import load_or_create_device_id
from tests.support.pairing import pair_device

SLOW = 1_010
GUEST = "127.0.0.2"


def _slow_connections(port: int, count: int) -> list[socket.socket]:
    held = []
    for _ in range(count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(True)
        sock.settimeout(2)
        sock.bind((GUEST, 0))
        try:
            sock.connect(("127.0.0.1", port))
            sock.sendall(b"GET /screen HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # ...and never more
        except OSError:
            sock.close()  # refused or closed at once: that is the guard at work
            continue
        held.append(sock)
    return held


def _still_open(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) != b""  # b"": closed by the hub
    except BlockingIOError:
        return True  # nothing to read, and not closed
    except OSError:
        return False  # reset by the hub


def _answers_quickly(url: str) -> float:
    started = time.monotonic()
    answer = requests.get(url, timeout=5)
    assert answer.status_code == 200, url
    return time.monotonic() - started


def test_a_thousand_slow_connections_from_one_address_do_not_stop_the_hub(programs, tmp_path):
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=0.1, source_address=(GUEST, 0))
    except ConnectionRefusedError:
        pass
    except OSError:
        pytest.skip("this machine does not route 127.0.0.2")
    hub = programs.hub()
    tablet = tmp_path / "tablet"
    pair_device(hub.data, hub.url, tablet)
    client = HubClient(str(load_or_create_device_id(tablet)), tablet)
    assert client.hello(hub.url)

    held = _slow_connections(hub.port, SLOW)
    try:
        time.sleep(0.5)  # let the hub accept (and refuse) what it will
        for path in ["/screen", "/api/stats", "/count"]:
            assert _answers_quickly(hub.url + path) < 2.0, path
        assert client.hello(hub.url)  # sealed sync still answers
        assert client.pull(hub.url, 0)["events"]
        # The guest keeps only its share open: the hub closed the rest as it accepted them.
        assert sum(_still_open(sock) for sock in held) <= PER_ADDRESS
    finally:
        for sock in held:
            sock.close()
