"""The venue harness with real programs (tests/venue/bors.py): what the chaos scenario relies on.

A hub and a kiosk run in their own namespaces (never the test's), the kiosk finds the hub by
zeroconf alone, a pulled cable makes the kiosk queue and a restored one drains the queue, and
SIGKILL + restart on the same data keeps everything either had.
"""

from __future__ import annotations

import os

import pytest

from tests.support.processes import wait_until
from tests.support.sync import deal
from tests.venue.bors import BorsProgram, pair
from tests.venue.lan import VenueLAN, list_namespaces, netns_available

pytestmark = [
    pytest.mark.netns,
    pytest.mark.slow,
    pytest.mark.skipif(not netns_available()[0], reason=netns_available()[1]),
]


def _netns_inode(pid: int | str) -> int:
    return os.stat(f"/proc/{pid}/ns/net").st_ino


def test_hub_and_kiosk_on_the_venue_lan_survive_cuts_and_kills(tmp_path):
    from bors.demo import seed

    seed(tmp_path / "hub")
    with VenueLAN() as lan:
        hub_host, kiosk_host = lan.add_host("hub"), lan.add_host("kiosk1")
        hub = BorsProgram.hub(hub_host, tmp_path / "hub").start()
        pair(tmp_path / "hub", tmp_path / "kiosk1", kiosk_host, hub)
        kiosk = BorsProgram.kiosk(kiosk_host, tmp_path / "kiosk1").start()
        try:
            # zeroconf and everything else run inside the namespaces, never in the test's own
            root = _netns_inode("self")
            assert _netns_inode(hub.proc.pid) != root
            for program in (hub, kiosk):
                for child in _children(program.proc.pid):
                    assert _netns_inode(child) != root

            status = wait_until(
                lambda: (s := kiosk.json("/api/status"))["state"] == "online" and s, timeout=30
            )
            assert status["hub"] == hub.url  # found by zeroconf: the kiosk was given no --hub
            people = kiosk.json("/api/participants?q=a")["participants"]
            a, b = people[0]["id"], people[1]["id"]

            kiosk_host.cut()
            saved = kiosk.call("POST", "/api/deals", json=deal(a, b))
            assert saved.status_code == 201  # saved on the tablet, no network needed
            wait_until(lambda: kiosk.json("/api/status")["state"] == "offline", timeout=20)
            assert kiosk.json("/api/status")["pending"] == 1
            kiosk_host.restore()
            wait_until(lambda: kiosk.json("/api/status")["pending"] == 0, timeout=30)
            assert hub.json("/api/stats")["deals"] == 1

            hub.kill()
            kiosk.kill()
            assert not hub.alive and not kiosk.alive
            hub.start()
            kiosk.start()
            assert hub.json("/api/stats")["deals"] == 1
            mine = kiosk.json("/api/deals")["deals"]
            assert [d["id"] for d in mine] == [saved.json()["id"]]
            assert hub.starts == kiosk.starts == 2
        finally:
            for program in (kiosk, hub):
                program.stop()
                program.close()
    assert not any(ns.startswith(lan.prefix) for ns in _namespaces())


def _children(pid: int) -> list[int]:
    """``ip netns exec`` execs the program: the pid is the program; add its descendants."""
    found, todo = [pid], [pid]
    while todo:
        parent = todo.pop()
        try:
            with open(f"/proc/{parent}/task/{parent}/children") as fh:
                kids = [int(k) for k in fh.read().split()]
        except OSError:
            kids = []
        found += kids
        todo += kids
    return found


def _namespaces() -> list[str]:
    return list_namespaces()
