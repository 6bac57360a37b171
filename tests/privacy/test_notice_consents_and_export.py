"""What a participant can read and ask for: the privacy notice (public, nb/en, linked from the
sign-up and the door's walk-in form), the organiser's consent log, the export of one person's
data as JSON and as a page, and the same export and erasure from the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile

import hub as hub_web
import kiosk as kiosk_web
from hub.folder import FolderLock
from hub.privacy.people import export_person
from hub.service import Hub
from shared.privacy.redaction import ERASED_NAME
from tests.privacy.conftest import RETENTION, SAGENE, SETTINGS, files_holding, fill
from tests.support.auth import login_test_client
from tests.support.processes import ROOT


def test_the_notice_is_public_in_both_languages_and_says_until_when(evening):
    guest = hub_web.create_app(evening.hub).test_client()
    nb = guest.get("/privacy")
    assert nb.status_code == 200
    text = nb.get_data(as_text=True)
    assert "Hva vi lagrer" in text and SETTINGS["organiser"] in text and SETTINGS["contact"] in text
    assert str(RETENTION.year) in text
    en = guest.get("/privacy?lang=en").get_data(as_text=True)
    assert "What we keep" in en and "Who sees what" in en
    assert 'href="/privacy"' in guest.get("/signup").get_data(as_text=True)


def test_the_tablet_shows_the_same_notice_and_links_it_at_the_door(tablet_evening):
    broker = kiosk_web.create_app(tablet_evening.kiosk).test_client()
    page = broker.get("/privacy").get_data(as_text=True)
    assert "Hva vi lagrer" in page and SETTINGS["organiser"] in page
    assert 'href="/privacy"' in broker.get("/checkin").get_data(as_text=True)


def test_the_consent_log_gives_each_participant_the_text_version_and_time(evening):
    hub = evening.hub
    organiser = login_test_client(hub_web.create_app(hub).test_client(), hub.data_dir)
    page = organiser.get("/privacy/consents").get_data(as_text=True)
    row = page[page.index(f'data-participant="{evening.sagene}"') :].split("</tr>")[0]
    assert SAGENE["name"] in row and "v1 (nb)" in row and "<time>" in row
    walk_in_row = page[page.index(f'data-participant="{evening.walk_in}"') :].split("</tr>")[0]
    assert "v1" not in walk_in_row  # a walk-in at a deal gave no consent


def test_the_export_holds_everything_kept_about_one_participant(evening):
    hub = evening.hub
    data = export_person(hub, evening.sagene)
    assert data["participant"]["name"] == SAGENE["name"]
    assert (
        data["contact"]["email"] == SAGENE["email"] and data["contact"]["phone"] == SAGENE["phone"]
    )
    assert data["consent"]["version"] == 1 and "samtykker" in data["consent"]["text"]
    assert data["consent"]["given_at"]
    assert [d["parties"][0]["name"] for d in data["deals"]] == [SAGENE["name"]]
    assert [h["what"] for h in data["history"]] == ["ParticipantSignedUp"]
    organiser = login_test_client(hub_web.create_app(hub).test_client(), hub.data_dir)
    answer = organiser.get(f"/api/privacy/participants/{evening.sagene}?download=1")
    assert answer.status_code == 200 and "attachment" in answer.headers["Content-Disposition"]
    assert answer.get_json()["contact"] == data["contact"]
    page = organiser.get(f"/privacy/participants/{evening.sagene}").get_data(as_text=True)
    assert SAGENE["phone"] in page and "Et lokale til trening" in page
    assert organiser.get("/api/privacy/participants/nobody").status_code == 404
    guest = hub_web.create_app(hub).test_client()
    assert guest.get(f"/api/privacy/participants/{evening.sagene}").status_code == 401


def test_bors_hub_export_person_and_erase_on_a_stopped_hub(tmp_path):
    folder = tmp_path / "hub"
    hub = Hub(folder)
    sagene = fill(hub).sagene
    hub.close()
    bors = [sys.executable, "-m", "bors.cli", "hub"]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*bors, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)

    with FolderLock(folder):  # a hub running on the folder: erase on its page instead
        busy = run("erase", "--data", str(folder), sagene)
    assert busy.returncode == 2 and "in use" in busy.stderr
    exported = run("export-person", "--data", str(folder), sagene)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["contact"]["email"] == SAGENE["email"]
    erased = run("erase", "--data", str(folder), sagene)
    assert erased.returncode == 0 and sagene in erased.stdout
    after = json.loads(run("export-person", "--data", str(folder), sagene).stdout)
    assert after["participant"]["name"] == ERASED_NAME and after["contact"]["email"] == ""
    assert after["erased_at"]
    backup = tmp_path / "after.bors"
    assert run("backup", "--data", str(folder), "--to", str(backup)).returncode == 0
    unpacked = tmp_path / "unpacked"
    raw = backup.read_bytes()
    with tarfile.open(fileobj=io.BytesIO(raw[raw.index(b"\n") + 1 :]), mode="r:gz") as tar:
        tar.extractall(unpacked, filter="data")
    assert any(unpacked.rglob("hub.sqlite"))
    assert files_holding(unpacked, SAGENE["name"], SAGENE["email"], SAGENE["phone"]) == {}
    again = run("erase", "--data", str(folder), sagene)
    assert again.returncode == 2 and "already_erased" in again.stderr
    assert run("erase", "--data", str(tmp_path / "none"), sagene).returncode == 2
