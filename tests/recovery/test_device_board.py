"""The device board (issue 17 item 5) on real processes: each tablet's last contact, pending
events, release and clock offset as it told the hub with its last pull; during the hour a tablet
silent for two minutes is flagged (its last contact moved back three minutes in the hub's
device registry, as if the clock had run on)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import requests

from tests.support.auth import login_session
from tests.support.processes import wait_until


def board(session, url: str) -> dict:
    return {d["device"]: d for d in session.get(f"{url}/api/devices", timeout=5).json()["devices"]}


def test_the_board_shows_each_tablet_and_flags_one_silent_during_the_hour(
    programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    tablet = programs.kiosk(tmp_path / "tablet", hub.url)
    device = (tablet.data / "device-id").read_text().strip()
    organiser = login_session(hub.url)
    assert requests.get(f"{hub.url}/api/devices", timeout=5).status_code in (401, 403)
    row = wait_until(
        lambda: board(organiser, hub.url)[device]["version"] and board(organiser, hub.url)[device]
    )
    assert row["pending"] == 0 and row["version"] == "0.1.0"
    assert abs(row["clock_offset"]) < 5 and row["last_seen"]
    assert row["silent_warning"] is False  # before the hour: no warning
    assert row["battery"] is None  # no page open on the tablet: its browser told nothing
    # The status bar's poll carries what the browser tells (kiosk/static_status/battery.js)
    requests.get(f"{tablet.url}/status", params={"battery": 57, "charging": "0"}, timeout=5)
    row = wait_until(
        lambda: (
            board(organiser, hub.url)[device]["battery"] == 57 and board(organiser, hub.url)[device]
        ),
        timeout=10,
    )
    assert row["charging"] is False

    tablet.kill()
    organiser.post(f"{hub.url}/controls/gong", data={"action": "open"}, timeout=5)
    three_minutes_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=3)).isoformat()
    db = sqlite3.connect(seeded_hub_dir / "devices.sqlite", timeout=10)
    with db:
        db.execute(
            "UPDATE devices SET last_seen = ? WHERE device_id = ?", (three_minutes_ago, device)
        )
    db.close()
    row = board(organiser, hub.url)[device]
    assert row["silent_warning"] is True and row["silent_seconds"] >= 180
    page = organiser.get(f"{hub.url}/devices", timeout=5).text
    assert "data-silent-warning" in page and "2 minutter" in page
