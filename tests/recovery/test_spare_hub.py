"""A spare hub from the last backup and the tablets (issue 17 item 3), with real processes on
loopback: the hub is killed and its data folder deleted in the middle of a burst of deals; a
spare laptop runs ``bors hub recover`` from the last (encrypted) backup on the same address;
the tablets follow it without pairing again, and every deal any tablet saved is on the spare
exactly once, compared event for event with the tablets' own journals. One tablet died before
the hub did: its deals come back only because the others relay what they mirrored of it."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import requests

from hub.backup.archive import write_backup
from hub.backup.sealed import KEY_ENV, Sealed, folder_key, key_text
from tests.support.auth import login_session
from tests.support.deals import deal_payload
from tests.support.processes import Program, wait_until


def events_by_origin(database: Path) -> dict[str, set[int]]:
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        rows = db.execute("SELECT originator_id, originator_version FROM stored_events")
        found: dict[str, set[int]] = {}
        for origin, version in rows:
            found.setdefault(str(origin).replace("-", ""), set()).add(int(version))
        return found
    finally:
        db.close()


def device_of(folder: Path) -> str:
    return (folder / "device-id").read_text().strip().replace("-", "")


def save_deals(kiosk, people: list[str], count: int, saved: list[str], broker: str) -> None:
    for n in range(count):
        a, b = people[n % len(people)], people[(n + 1) % len(people)]
        answer = requests.post(
            f"{kiosk.url}/api/deals", json=deal_payload(a, b, broker=broker), timeout=10
        )
        assert answer.status_code == 201, answer.text
        saved.append(answer.json()["id"])


def status(kiosk) -> dict:
    return requests.get(f"{kiosk.url}/api/status", timeout=3).json()


def counted(url: str) -> int:
    try:
        return requests.get(f"{url}/api/stats", timeout=3).json()["deals"]
    except requests.RequestException:
        return -1


def test_a_spare_hub_gets_every_deal_back_once_from_the_backup_and_the_tablets(
    programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    tablets = [programs.kiosk(tmp_path / f"tablet-{n}", hub.url) for n in range(3)]
    for tablet in tablets:  # each has pushed its journal's start: its key is pinned at the hub
        wait_until(lambda t=tablet: status(t)["state"] == "online", timeout=15)
    # The last backup, encrypted as bors hub --backup-to writes it, taken while the hub runs
    key = folder_key(seeded_hub_dir, create=True)[0]
    backup = tmp_path / "usb-stick" / "last.bors"
    write_backup(seeded_hub_dir, backup, Sealed(key))
    people = [
        p["id"]
        for p in wait_until(
            lambda: requests.get(f"{tablets[0].url}/api/participants?q=kvern", timeout=5).json()[
                "participants"
            ]
        )[:2]
    ]
    saved: dict[int, list[str]] = {n: [] for n in range(3)}

    # Before the hub dies: each tablet saves 8 deals; the third tablet's reach the others'
    # mirrors, and then it dies for good (its data folder stays, to compare with).
    for n, tablet in enumerate(tablets):
        save_deals(tablet, people, 8, saved[n], f"Megler {n}")
    wait_until(lambda: counted(hub.url) == 24, timeout=20)
    lost = device_of(tablets[2].data)
    for tablet in tablets[:2]:
        wait_until(
            lambda t=tablet: (
                len(events_by_origin(t.data / "mirror.sqlite").get(lost, ()))
                == len(events_by_origin(tablets[2].data / "kiosk.sqlite")[lost])
            ),
            timeout=20,
        )
    tablets[2].kill()

    # Mid-burst: the two living tablets save 12 deals each; the hub is killed after a few and
    # its folder deleted; the rest are saved with no hub at all.
    burst = [
        threading.Thread(target=save_deals, args=(t, people, 12, saved[n], f"Megler {n}"))
        for n, t in enumerate(tablets[:2])
    ]
    for thread in burst:
        thread.start()
    wait_until(lambda: len(saved[0]) + len(saved[1]) >= 16 + 6, timeout=20)
    hub.kill()
    shutil.rmtree(seeded_hub_dir)
    for thread in burst:
        thread.join(timeout=60)
    assert len(saved[0]) == len(saved[1]) == 20

    spare_dir = tmp_path / "spare-laptop"
    args = ["hub", "recover", "--data", str(spare_dir), "--backup", str(backup)]
    args += ["--port", str(hub.port), "--host", "127.0.0.1", "--no-advertise"]
    spare = Program("spare", args, hub.port, spare_dir, tmp_path, {KEY_ENV: key_text(key)})
    programs.started.append(spare)
    spare.start("/api/stats", timeout=60)

    everyone = saved[0] + saved[1] + saved[2]
    wait_until(lambda: counted(spare.url) == len(everyone), timeout=120)
    for tablet in tablets[:2]:
        wait_until(lambda t=tablet: status(t)["pending"] == 0, timeout=30)
    assert "recovering:" in spare.log()
    wait_until(lambda: "recovered:" in spare.log(), timeout=10)  # its report, once a second

    with login_session(spare.url) as organiser:
        deals = organiser.get(f"{spare.url}/api/deals", timeout=5).json()["deals"]
    ids = [d["id"] for d in deals]
    assert sorted(ids) == sorted(everyone)  # every deal, once
    on_spare = events_by_origin(spare_dir / "hub.sqlite")
    for tablet in tablets:  # the spare holds each tablet's own journal, event for event
        own = events_by_origin(tablet.data / "kiosk.sqlite")[device_of(tablet.data)]
        assert on_spare[device_of(tablet.data)] == own
    # ...and the tablets go on: a deal saved now reaches the spare, and the other tablet.
    after: list[str] = []
    save_deals(tablets[0], people, 1, after, "Megler 0")
    wait_until(lambda: counted(spare.url) == len(everyone) + 1, timeout=20)
