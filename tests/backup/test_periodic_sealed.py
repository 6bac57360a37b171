"""Backups that exist when needed (issue 17 item 4): a real hub started with --backup-to writes
encrypted backups by itself, keeps the last few, and the restore reads them back with the key
the hub printed once; a wrong key is refused in words, and nothing is restored."""

from __future__ import annotations

import os
import subprocess
import sys

import requests

from bors.demo import seed
from hub.backup.contents import files_of
from hub.backup.inventory import inventory_of
from hub.backup.periodic import backups_in
from hub.backup.sealed import KEY_FILE, key_text
from tests.support.auth import login_session
from tests.support.processes import ROOT, wait_until

WRONG_KEY = key_text(bytes(32))


def bors(*args: str, key: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    env.pop("BORS_BACKUP_KEY", None)
    if key is not None:
        env["BORS_BACKUP_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "bors.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_a_running_hub_backs_itself_up_encrypted_and_keeps_the_last_few(tmp_path, programs):
    folder, stick = tmp_path / "hub", tmp_path / "usb-stick"
    seed(folder)
    (stick).mkdir()
    (stick / "holiday.jpg").write_bytes(b"not ours")  # another file on the stick stays
    hub = programs.hub(
        folder, extra=["--backup-to", str(stick), "--backup-every", "0.01", "--backup-keep", "2"]
    )
    key = (folder / KEY_FILE).read_text().strip()
    wait_until(lambda: "Backup key" in hub.log(), timeout=10)
    assert key in hub.log()  # printed once for the organiser to write down

    wait_until(lambda: len(backups_in(stick)) >= 1, timeout=15)
    first = backups_in(stick)[0]
    assert first.read_bytes().startswith(b"FRIVILLIGBORS-BACKUP 1 sealed\n")
    assert b"SQLite format 3" not in first.read_bytes()  # not readable without the key

    # The folder changes three times: a backup follows each, and only the last two are kept.
    session = login_session(hub.url)
    assert requests.get(hub.url + "/api/backups", timeout=5).status_code in (401, 403)
    status = session.get(hub.url + "/api/backups", timeout=5).json()
    assert status["target"] == str(stick)
    assert status["last_at"] and status["error"] is None and status["kept"] >= 1
    page = session.get(hub.url + "/devices", timeout=5).text
    assert str(stick) in page
    for n in range(3):
        (folder / "logos").mkdir(exist_ok=True)
        (folder / "logos" / f"change-{n}.txt").write_text(str(n))
        seen = set(backups_in(stick))
        wait_until(
            lambda s=seen: set(backups_in(stick)) - s and len(backups_in(stick)) == 2, timeout=15
        )
    assert len(backups_in(stick)) == 2
    assert (stick / "holiday.jpg").is_file()
    hub.stop()
    before = inventory_of(folder, len(files_of(folder)))
    last = backups_in(stick)[-1]

    wrong = bors("hub", "restore", "--data", str(tmp_path / "spare"), str(last), key=WRONG_KEY)
    assert wrong.returncode == 2
    assert "was made with key" in wrong.stdout and "not with the key given" in wrong.stdout
    assert not (tmp_path / "spare" / "hub.sqlite").exists()
    none = bors("hub", "restore", "--data", str(tmp_path / "spare"), str(last))
    assert none.returncode == 2 and "BORS_BACKUP_KEY" in none.stdout

    put = bors("hub", "restore", "--data", str(tmp_path / "spare"), str(last), key=key)
    assert put.returncode == 0, put.stdout + put.stderr
    after = inventory_of(tmp_path / "spare", len(files_of(tmp_path / "spare")))
    assert after == before
    assert (tmp_path / "spare" / "logos" / "change-2.txt").read_text() == "2"
