"""After an erasure, no file of the hub or of a tablet holds the email or the phone readable,
nor the name: real processes, a tablet that saw them, and a copy of the hub's log taken before.

The hub and a paired kiosk run as ``bors`` programs; the tablet pulls the evening (names,
sealed contact blobs) and adds a walk-in at a deal. A copy of the hub's log is taken, as a
backup would. The organiser erases Sagene IF and the walk-in on the hub's page; once the
tablet has pulled the erasure, every file under the test's folder (SQLite files, their WAL and
SHM files, the backup, the programs' logs) is searched, while the programs run and after they
stop. The participant's key was on disk before and is nowhere after, so the sealed blobs that
remain in the backup can never be opened.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import requests

from hub.service import Hub
from tests.privacy.conftest import SAGENE, TURBO, WALK_IN, files_holding, fill
from tests.support.auth import csrf_token_in, login_session
from tests.support.processes import wait_until

SECRETS = (SAGENE["name"], SAGENE["email"], SAGENE["phone"], SAGENE["contact_person"], WALK_IN)


def kiosk_names(kiosk_url: str) -> set[str]:
    answer = requests.get(f"{kiosk_url}/api/participants", params={"q": "a"}, timeout=5)
    return {p["name"] for p in answer.json()["participants"]}


def test_no_file_of_hub_or_tablet_holds_them_after_erasure(programs, tmp_path: Path):
    hub_dir = tmp_path / "hub"
    seeded = Hub(hub_dir)
    evening = fill(seeded)
    sagene = evening.sagene
    key = seeded.contacts._key_of(sagene)
    seeded.close()
    hub = programs.hub(hub_dir)
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    wait_until(lambda: SAGENE["name"] in kiosk_names(kiosk.url), timeout=20)
    walk_in_deal = {
        "parties": [
            {"walk_in": {"name": WALK_IN + " Ny", "sector": "public"}, "gives": "Vafler"},
            {"participant_id": evening.turbo, "gives": "Kurs"},
        ],
        "category": "courses",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": "Kari",
    }
    assert requests.post(f"{kiosk.url}/api/deals", json=walk_in_deal, timeout=5).status_code == 201
    organiser = login_session(hub.url)
    deals = wait_until(
        lambda: [
            d
            for d in organiser.get(f"{hub.url}/api/deals", timeout=5).json()["deals"]
            if any(p["name"] == WALK_IN + " Ny" for p in d["parties"])
        ],
        timeout=20,
    )
    kiosk_walk_in = next(
        p["participant_id"] for p in deals[0]["parties"] if p["name"] != TURBO["name"]
    )
    # Before: the tablet's copies name them (the mirror Sagene IF, its journal the walk-in)
    assert len(files_holding(tmp_path / "kiosk", SAGENE["name"], WALK_IN)) >= 2
    backup = tmp_path / "backup"
    backup.mkdir()
    with (
        sqlite3.connect(hub_dir / "hub.sqlite") as live,
        sqlite3.connect(backup / "hub.sqlite") as copy,
    ):
        live.backup(copy)  # the hub's log as a backup keeps it: names in clear, contacts sealed
    assert files_holding(backup, SAGENE["name"], SAGENE["email"]) == {
        "hub.sqlite": [SAGENE["name"]]
    }

    for pid in (sagene, evening.walk_in, kiosk_walk_in):
        page = organiser.get(f"{hub.url}/privacy/participants/{pid}", timeout=5)
        answer = organiser.post(
            f"{hub.url}/privacy/participants/{pid}/erase",
            data={"confirm": "yes", "why": "request", "csrf_token": csrf_token_in(page.text)},
            timeout=10,
            allow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
    wait_until(
        lambda: not {SAGENE["name"], WALK_IN, WALK_IN + " Ny"} & kiosk_names(kiosk.url), timeout=20
    )
    wait_until(
        lambda: (
            (tmp_path / "kiosk" / "privacy.json").exists()
            and kiosk_walk_in in (tmp_path / "kiosk" / "privacy.json").read_text()
        ),
        timeout=20,
    )

    secrets = (*SECRETS, WALK_IN + " Ny")
    running = files_holding(tmp_path, *secrets)
    assert {f: hits for f, hits in running.items() if not f.startswith("backup")} == {}
    # The backup still names them (it is the log as it was), but holds nothing readable of how
    # to reach them, and the key that sealed it is on no disk any more.
    assert files_holding(backup, SAGENE["email"], SAGENE["phone"], SAGENE["contact_person"]) == {}
    assert TURBO["name"] in str(files_holding(tmp_path, TURBO["name"]))  # the search does see
    programs.stop_all()
    assert {
        f: h for f, h in files_holding(tmp_path, *secrets).items() if not f.startswith("backup")
    } == {}
    holding_key = [p for p in tmp_path.rglob("*") if p.is_file() and key in p.read_bytes()]
    assert holding_key == []


def test_a_door_walk_in_is_erased_with_the_blob_their_tablet_sealed_for_the_hub(
    programs, tmp_path: Path
):
    """A walk-in's details were sealed on the tablet for the hub's own key, which an erasure
    does not delete: the blob itself must go from every copy, or the hub could open it again."""
    hub = programs.hub(tmp_path / "hub")
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    contact = {
        "contact_person": "Per Dorvakt",
        "email": "per.dorvakt@example.no",
        "phone": "+47 922 11 333",
    }
    walk_in = {"name": "Torshov Strikkeklubb", "sector": "voluntary", **contact, "consent": True}
    answer = requests.post(f"{kiosk.url}/api/checkins", json={"walk_in": walk_in}, timeout=5)
    assert answer.status_code == 201, answer.text
    pid = answer.json()["participant_id"]
    organiser = login_session(hub.url)
    export = f"{hub.url}/api/privacy/participants/{pid}"
    wait_until(lambda: organiser.get(export, timeout=5).json()["contact"]["email"], timeout=20)
    log = organiser.get(f"{hub.url}/privacy/consents", timeout=5).text
    row = log[log.index(f'data-participant="{pid}"') :].split("</tr>")[0]
    assert "Ved døra" in row and "<time>" in row  # the consent they ticked on the tablet
    assert sealed_for_hub(tmp_path, pid)  # the hub's log and the tablet's journal hold it
    page = organiser.get(f"{hub.url}/privacy/participants/{pid}", timeout=5)
    erased = organiser.post(
        f"{hub.url}/privacy/participants/{pid}/erase",
        data={"confirm": "yes", "csrf_token": csrf_token_in(page.text)},
        timeout=10,
        allow_redirects=False,
    )
    assert erased.status_code == 303
    state = tmp_path / "kiosk" / "privacy.json"
    wait_until(lambda: state.exists() and pid in state.read_text(), timeout=20)
    programs.stop_all()
    assert files_holding(tmp_path, walk_in["name"], *contact.values()) == {}
    assert sealed_for_hub(tmp_path, pid) == {}


def sealed_for_hub(folder: Path, pid: str) -> dict[str, int]:
    """Per event store under ``folder``: how many events about ``pid`` carry a sealed blob."""
    found = {}
    for path in sorted(p for p in folder.rglob("*.sqlite") if p.is_file()):
        with sqlite3.connect(path) as db:
            tables = {t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "stored_events" not in tables:
                continue
            rows = db.execute(
                "SELECT state FROM stored_events WHERE instr(state, ?) > 0", (pid.encode(),)
            )
            held = [s for (s,) in rows if json.loads(s).get("contact_for_hub") not in (None, "")]
            if held:
                found[str(path.relative_to(folder))] = len(held)
    return found
