"""What deploy/ ships must work as written: the backup restores, the units and launcher run."""

from __future__ import annotations

import os
import shlex
import signal
import stat
import subprocess

import pytest
import requests

from bors.cli import cli
from tests.support.auth import login_session
from tests.support.processes import ROOT, free_port, wait_until

DEPLOY = ROOT / "deploy"


def exec_start(unit: str) -> list[str]:
    lines = (DEPLOY / "systemd" / unit).read_text().splitlines()
    [command] = [line.split("=", 1)[1] for line in lines if line.startswith("ExecStart=")]
    return shlex.split(command)


@pytest.mark.parametrize(
    ("unit", "role"),
    [("frivilligbors-hub.service", "hub"), ("frivilligbors-kiosk.service", "kiosk")],
)
def test_each_unit_starts_bors_with_options_it_knows(unit, role):
    program, *args = exec_start(unit)
    assert program == "/opt/frivilligbors/.venv/bin/bors"
    assert args[0] == role
    # Parses as `bors hub`/`bors kiosk` would run it; an unknown option fails the test.
    parsed = cli.commands[role].make_context(role, args[1:]).params
    assert str(parsed["data"]) == f"/var/lib/frivilligbors/{role}"
    text = (DEPLOY / "systemd" / unit).read_text()
    assert f"StateDirectory=frivilligbors/{role}" in text  # systemd makes the data folder
    if role == "kiosk":
        assert parsed["host"] == "127.0.0.1"  # only the tablet's own browser talks to it


@pytest.mark.slow
def test_a_backup_taken_while_the_hub_runs_restores_the_same_deal_list(
    programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    people = wait_until(
        lambda: requests.get(f"{kiosk.url}/api/participants?q=kvernbakken", timeout=3).json()[
            "participants"
        ]
    )
    for i in range(3):
        saved = requests.post(
            f"{kiosk.url}/api/deals",
            json={
                "parties": [
                    {"participant_id": people[i]["id"], "gives": "Lokale"},
                    {"participant_id": people[i + 1]["id"], "gives": "Kurs"},
                ],
                "category": "premises",
                "kind": "mutual",
                "deadline": "2027-03-01",
            },
            timeout=5,
        )
        assert saved.status_code == 201
    wait_until(lambda: requests.get(f"{kiosk.url}/api/status", timeout=3).json()["pending"] == 0)
    with login_session(hub.url) as organiser:
        before = organiser.get(f"{hub.url}/api/deals", timeout=5).json()
        export_before = organiser.get(f"{hub.url}/export.csv", timeout=5).content
    assert len(before["deals"]) == 3

    done = subprocess.run(
        [str(DEPLOY / "backup-hub.sh"), str(seeded_hub_dir), str(tmp_path / "backups")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHON": os.environ.get("PYTHON", "python3")},
    )
    assert done.returncode == 0, done.stderr
    [copy] = list((tmp_path / "backups").iterdir())
    assert stat.S_IMODE(copy.stat().st_mode) == 0o700
    assert {"hub.sqlite", "contacts.sqlite", "device-id"} <= {p.name for p in copy.iterdir()}

    hub.kill(signal.SIGKILL)
    restored = programs.hub(copy, port=free_port())
    with login_session(restored.url) as organiser:
        after = organiser.get(f"{restored.url}/api/deals", timeout=5).json()
        export_after = organiser.get(f"{restored.url}/export.csv", timeout=5).content
    assert after == before
    assert export_after == export_before  # contact details too: their keys came along


def test_the_backup_refuses_a_folder_that_is_not_a_hub(tmp_path):
    done = subprocess.run(
        [str(DEPLOY / "backup-hub.sh"), str(tmp_path), str(tmp_path / "backups")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 1 and "no hub.sqlite" in done.stderr
    assert not (tmp_path / "backups").exists()


def test_the_kiosk_browser_launcher_opens_the_kiosk_page_in_kiosk_mode(programs, tmp_path):
    kiosk = programs.kiosk(tmp_path / "kiosk", f"http://127.0.0.1:{free_port()}", paired=False)
    seen = tmp_path / "browser-args"
    fake = tmp_path / "fake-chromium"
    # Stands in for Chromium: notes how it was started, then ends the launcher's loop.
    fake.write_text(f'#!/bin/sh\necho "$@" > {seen}\nkill -TERM $PPID\n')
    fake.chmod(0o755)
    done = subprocess.run(
        ["bash", str(DEPLOY / "kiosk-browser.sh")],
        env={
            **os.environ,
            "FRIVILLIGBORS_URL": kiosk.url + "/",
            "FRIVILLIGBORS_BROWSER": str(fake),
            "FRIVILLIGBORS_PROFILE": str(tmp_path / "profile"),
        },
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == -signal.SIGTERM, done.stderr
    args = seen.read_text().split()
    assert args[:2] == ["--kiosk", kiosk.url + "/"]
    assert f"--user-data-dir={tmp_path / 'profile'}" in args
    assert "--noerrdialogs" in args
