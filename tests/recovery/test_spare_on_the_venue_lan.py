"""The spare hub on the venue LAN harness (network namespaces, zeroconf): the hub laptop dies
and its folder is lost mid-evening; a spare laptop at another address runs ``bors hub
recover`` from the last (encrypted) backup; the tablets, given no hub address, find it by its
advert, prove it is the hub they paired with, and every deal comes back exactly once."""

from __future__ import annotations

import shutil
import sys

import pytest

from hub.backup.archive import write_backup
from hub.backup.sealed import KEY_ENV, Sealed, folder_key, key_text
from tests.support.processes import wait_until
from tests.support.sync import deal
from tests.venue.bors import BorsProgram, pair
from tests.venue.lan import VenueLAN, netns_available

pytestmark = [
    pytest.mark.netns,
    pytest.mark.slow,
    pytest.mark.skipif(not netns_available()[0], reason=netns_available()[1]),
]


class Spare(BorsProgram):
    backup = None

    def argv(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "bors.cli",
            "hub",
            "recover",
            "--data",
            str(self.data),
            "--backup",
            str(self.backup),
            "--port",
            str(self.port),
            "--host",
            self.host.ip,
        ]


def test_a_spare_at_another_address_is_found_and_gets_every_deal_back(tmp_path):
    from bors.demo import seed

    seed(tmp_path / "hub")
    with VenueLAN() as lan:
        hub_host = lan.add_host("hub")
        tablet_hosts = [lan.add_host(f"kiosk{n}") for n in (1, 2)]
        hub = BorsProgram.hub(hub_host, tmp_path / "hub").start()
        tablets = []
        for n, host in enumerate(tablet_hosts, 1):
            pair(tmp_path / "hub", tmp_path / f"kiosk{n}", host, hub)
            tablets.append(BorsProgram.kiosk(host, tmp_path / f"kiosk{n}").start())
        spare = None
        try:
            for tablet in tablets:
                wait_until(lambda t=tablet: t.json("/api/status")["state"] == "online", 30)
            key = folder_key(tmp_path / "hub", create=True)[0]
            backup = tmp_path / "stick" / "last.bors"
            write_backup(tmp_path / "hub", backup, Sealed(key))
            people = tablets[0].json("/api/participants?q=a")["participants"]
            a, b = people[0]["id"], people[1]["id"]
            saved = []
            for tablet in tablets:
                for _ in range(5):
                    answer = tablet.call("POST", "/api/deals", json=deal(a, b))
                    assert answer.status_code == 201
                    saved.append(answer.json()["id"])
            wait_until(lambda: hub.json("/api/stats")["deals"] == 10, 30)
            hub.kill()
            shutil.rmtree(tmp_path / "hub")
            for tablet in tablets:  # saved with the hub gone
                answer = tablet.call("POST", "/api/deals", json=deal(a, b))
                assert answer.status_code == 201
                saved.append(answer.json()["id"])

            spare_host = lan.add_host("spare")
            spare = Spare(
                spare_host, "hub", tmp_path / "spare", hub.port, env={KEY_ENV: key_text(key)}
            )
            spare.backup = backup
            spare.start(timeout=90)
            assert spare.url != hub.url
            wait_until(lambda: spare.json("/api/stats")["deals"] == len(saved), 120)
            for tablet in tablets:
                wait_until(
                    lambda t=tablet: (
                        t.json("/api/status")["hub"] == spare.url
                        and t.json("/api/status")["pending"] == 0
                    ),
                    60,
                )
            assert spare.json("/api/stats")["deals"] == len(saved) == len(set(saved))
        finally:
            for program in [*tablets, hub, *([spare] if spare else [])]:
                program.stop()
                program.close()
