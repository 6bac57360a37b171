"""The move: the whole hub from the organiser's server to the venue's laptop and back, with
``bors hub backup`` and ``bors hub restore`` as real processes, checked by counts and a digest
of the log; a damaged or foreign file, or a folder in use, changes nothing."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
import requests

from bors.demo import seed
from hub.backup.contents import files_of
from hub.backup.inventory import inventory_of
from hub.participants import register
from hub.service import Hub
from tests.register.conftest import OPEN, person, sign_up
from tests.signup.conftest import png
from tests.support.auth import login_session
from tests.support.bors_command import bors


def a_hub_weeks_before(folder: Path) -> dict:
    """The demo evening, a sign-up with a logo, a note and a personal link: what must move."""
    seed(folder)
    hub = Hub(folder)
    try:
        register.configure_signup(hub, OPEN)
        logo = register.logos(hub).store(png(300, 200))
        pid = sign_up(hub, person("Sagene IF", "voluntary", "post@sagene-if.example", logo=logo))
        register.add_note(hub, pid, "Vil ha stand ved scenen")
        token = register.own_link_token(hub, pid)
        return {"id": pid, "token": token, "logo": logo}
    finally:
        hub.close()


def test_the_whole_hub_moves_and_comes_back_with_nothing_lost(tmp_path, programs):
    server = tmp_path / "server"
    moved = a_hub_weeks_before(server)
    online = programs.hub(server)  # backed up while it runs: SQLite's online backup
    backup = tmp_path / "to-the-venue.bors"
    made = bors("hub", "backup", "--data", str(server), "--to", str(backup))
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Read back and checked" in made.stdout
    online.stop()
    before = inventory_of(server, len(files_of(server)))

    laptop = tmp_path / "laptop"
    put = bors("hub", "restore", "--data", str(laptop), str(backup))
    assert put.returncode == 0, put.stdout
    assert "nothing lost" in put.stdout and before.log_digest[:16] in put.stdout
    after = inventory_of(laptop, len(files_of(laptop)))
    assert after == before
    assert after.participants > 60 and after.contact_keys > 60 and after.events > 60

    # On the laptop the hub is the same hub: its password, its links, its keys, its logos
    venue = programs.hub(laptop)
    mine = requests.get(f"{venue.url}/signup/me/{moved['token']}", timeout=5)
    assert mine.status_code == 200 and "p•••@sagene-if.example" in mine.text
    organiser = login_session(venue.url)
    detail = organiser.get(f"{venue.url}/participants/{moved['id']}", timeout=5).text
    assert "post@sagene-if.example" in detail  # the vault's key came along
    assert "Vil ha stand ved scenen" in detail  # the sealed note too
    assert organiser.get(f"{venue.url}/participants/{moved['id']}/logo", timeout=5).ok
    venue.stop()

    # ...and back after the evening, onto the server's old folder (kept aside, not deleted)
    back = tmp_path / "back.bors"
    assert bors("hub", "backup", "--data", str(laptop), "--to", str(back)).returncode == 0
    home = bors("hub", "restore", "--data", str(server), str(back))
    assert home.returncode == 0, home.stdout
    assert "kept in" in home.stdout
    assert inventory_of(server, len(files_of(server))).log_digest == after.log_digest
    assert list(tmp_path.glob("server.before-restore-*"))


def test_the_log_digest_changes_with_any_event(tmp_path):
    folder = tmp_path / "hub"
    a_hub_weeks_before(folder)
    first = inventory_of(folder, 0)
    hub = Hub(folder)
    try:
        register.add_note(hub, next(iter(hub.evening.participants)), "En til")
    finally:
        hub.close()
    second = inventory_of(folder, 0)
    assert second.events == first.events + 1 and second.log_digest != first.log_digest
    assert second.events_by_type["ParticipantNoteAdded"] == 2


@pytest.fixture
def backup_file(tmp_path) -> Path:
    a_hub_weeks_before(tmp_path / "server")
    file = tmp_path / "hub.bors"
    assert (
        bors("hub", "backup", "--data", str(tmp_path / "server"), "--to", str(file)).returncode == 0
    )
    return file


def damaged_copy(file: Path, at: float) -> Path:
    raw = bytearray(file.read_bytes())
    spot = int(len(raw) * at)
    raw[spot] ^= 0xFF
    broken = file.with_name("broken.bors")
    broken.write_bytes(bytes(raw))
    return broken


@pytest.mark.parametrize("at", [0.3, 0.6, 0.95])
def test_a_damaged_backup_is_refused_and_the_folder_is_untouched(tmp_path, backup_file, at):
    target = tmp_path / "laptop"
    answer = bors("hub", "restore", "--data", str(target), str(damaged_copy(backup_file, at)))
    assert answer.returncode == 2
    assert "Not restored" in answer.stdout
    assert files_of(target) == []


def test_a_file_that_is_no_backup_is_refused(tmp_path):
    junk = tmp_path / "junk.bors"
    junk.write_bytes(b"PK\x03\x04 a spreadsheet perhaps")
    answer = bors("hub", "restore", "--data", str(tmp_path / "laptop"), str(junk))
    assert answer.returncode == 2 and "not a Frivilligbørs backup" in answer.stdout


def test_an_archive_with_a_path_out_of_the_folder_is_refused(tmp_path, backup_file):
    from hub.backup.archive import MAGIC

    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w:gz") as tar:
        manifest = b'{"created": "", "hub": "", "inventory": {}, "files": {"../evil": {}}}'
        for name, content in (("manifest.json", manifest), ("data/../evil", b"x")):
            entry = tarfile.TarInfo(name)
            entry.size = len(content)
            tar.addfile(entry, io.BytesIO(content))
    evil = tmp_path / "evil.bors"
    evil.write_bytes(MAGIC + b" 1 plain\n" + raw.getvalue())
    answer = bors("hub", "restore", "--data", str(tmp_path / "laptop"), str(evil))
    assert answer.returncode == 2
    assert not (tmp_path / "evil").exists()


def test_a_restore_is_refused_while_a_hub_runs_on_the_folder(tmp_path, backup_file, programs):
    running = programs.hub(tmp_path / "laptop")
    answer = bors("hub", "restore", "--data", str(running.data), str(backup_file))
    assert answer.returncode == 2 and "in use by a running hub" in answer.stdout


def test_a_folder_with_events_the_backup_lacks_needs_replace(tmp_path, backup_file):
    server = tmp_path / "server"
    hub = Hub(server)  # a sign-up that came in after the backup was taken
    try:
        sign_up(hub, person("Sent Påmeldt", "business", "sent@example.no"))
    finally:
        hub.close()
    newer = inventory_of(server, 0)
    refused = bors("hub", "restore", "--data", str(server), str(backup_file))
    assert refused.returncode == 2 and "--replace" in refused.stdout
    assert inventory_of(server, 0).log_digest == newer.log_digest  # untouched
    forced = bors("hub", "restore", "--data", str(server), str(backup_file), "--replace")
    assert forced.returncode == 0
    aside = next(tmp_path.glob("server.before-restore-*"))
    assert inventory_of(aside, 0).log_digest == newer.log_digest  # kept, not deleted


def test_backing_up_a_folder_with_no_hub_is_refused(tmp_path):
    answer = bors("hub", "backup", "--data", str(tmp_path / "nothing"), "--to", str(tmp_path / "x"))
    assert answer.returncode == 2 and not (tmp_path / "x").exists()


def test_the_backup_leaves_out_what_belongs_to_the_running_machine(tmp_path):
    folder = tmp_path / "hub"
    a_hub_weeks_before(folder)
    (folder / "hub.lock").write_text("")
    (folder / "imports").mkdir()
    (folder / "imports" / ("0" * 64)).write_text("a sheet waiting for its confirmation")
    names = {str(f) for f in files_of(folder)}
    assert "hub.lock" not in names and not any(n.startswith("imports") for n in names)
    assert {"hub.sqlite", "contacts.sqlite", "device-id", "link-secret"} <= names
    assert any(n.startswith("logos/") for n in names)
