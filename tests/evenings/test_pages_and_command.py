"""The evenings on the organiser's pages and API, and ``bors hub new-evening`` as a real process:
``/report?evening=<id>`` and ``GET /api/report?evening=<id>`` open a closed evening read-only."""

from __future__ import annotations

import json

import hub as hub_web
from hub.evenings import archive
from hub.service import Hub
from tests.evenings.conftest import change_one_byte, first_evening
from tests.support.auth import login_test_client
from tests.support.bors_command import bors
from tests.support.deals import register as make_deal


def _organiser(hub: Hub):
    app = hub_web.create_app(hub, {"TESTING": True})
    return app, login_test_client(app.test_client(), hub.data_dir)


def test_the_report_of_each_evening_on_page_pdf_and_api(two):
    hub = Hub(two.data)
    app, client = _organiser(hub)
    try:
        make_deal(hub, two.ids["consented"], two.ids["also"])
        evening_id = two.closed.archived.id
        now = client.get("/api/report").get_json()
        then = client.get(f"/api/report?evening={evening_id}").get_json()
        assert now["deals"]["total"] == 1 and now["evening"]["date"] == "2027-11-24"
        assert then["deals"]["total"] == 4 and then["evening"]["date"] == "2026-11-25"
        assert then["archived"] == evening_id and "archived" not in now
        assert then["followup"]["by_status"]["done"] == 1
        assert now["followup"]["by_status"]["done"] == 0
        assert client.get("/api/report?evening=2027-11-24").get_json()["deals"]["total"] == 1
        page = client.get(f"/report?evening={evening_id}").get_data(as_text=True)
        assert 'data-testid="archived"' in page and "/report/values" not in page
        assert f"/report.pdf?evening={evening_id}" in page
        pdf = client.get(f"/report.pdf?evening={evening_id}")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        assert client.get("/api/report?evening=1999-01-01").status_code == 404
        assert client.get("/api/report?evening=../../etc").status_code == 404
        listed = client.get("/api/evenings").get_json()
        assert [e["id"] for e in listed["archived"]] == [evening_id]
        assert listed["archived"][0]["deals"] == 4
        assert listed["current"]["date"] == "2027-11-24"
        assert evening_id in client.get("/evenings").get_data(as_text=True)
        described = client.get("/api/openapi.json").get_json()["paths"]
        assert "/api/evenings" in described and "/api/report" in described
        # the archive was only read
        assert archive.sha256_of(two.closed.archived.store) == two.closed.archived.digest
    finally:
        app.extensions["mail"].close()
        hub.close()


def test_a_damaged_archive_is_refused_not_shown(two):
    entry = two.closed.archived
    change_one_byte(entry.store, 300)
    hub = Hub(two.data)
    app, client = _organiser(hub)
    try:
        answer = client.get(f"/api/report?evening={entry.id}")
        assert answer.status_code == 409 and answer.get_json()["error"] == "archive_damaged"
    finally:
        app.extensions["mail"].close()
        hub.close()


def test_bors_hub_new_evening_as_a_process(tmp_path):
    data = tmp_path / "hub"
    ids, _deals = first_evening(data)
    done = bors("hub", "new-evening", "--data", str(data), "--date", "2027-11-24")
    assert done.returncode == 0, done.stderr
    assert "evenings/2026-11-25" in done.stdout and "3 participants" in done.stdout
    manifest = json.loads((data / "evenings" / "2026-11-25" / "manifest.json").read_text())
    assert manifest["deals"] == 4 and manifest["date"] == "2026-11-25"
    hub = Hub(data)
    try:
        assert hub.evening.deals.counted == 0
        assert hub.evening.settings["date"] == "2027-11-24"
        assert set(p.id for p in hub.evening.participants.values()) == {
            ids["consented"],
            ids["also"],
            ids["invitee"],
        }
    finally:
        hub.close()
    # a second evening closed the same way gets its own archive
    again = bors("hub", "new-evening", "--data", str(data), "--date", "2028-11-22")
    assert again.returncode == 0 and "evenings/2027-11-24" in again.stdout
    assert len(archive.archived(data)) == 2
    refused = bors("hub", "new-evening", "--data", str(data), "--date", "tomorrow")
    assert refused.returncode == 2 and len(archive.archived(data)) == 2


def test_new_evening_is_refused_while_a_hub_holds_the_folder(tmp_path):
    from hub.folder import FolderLock

    data = tmp_path / "hub"
    first_evening(data)
    with FolderLock(data):  # as a running `bors hub` holds it
        refused = bors("hub", "new-evening", "--data", str(data))
    assert refused.returncode == 2 and "stop the hub" in refused.stderr
    assert archive.archived(data) == [] and (data / "hub.sqlite").exists()


def test_someone_erased_later_is_erased_in_last_year_s_report_too(two):
    from hub.privacy.erasure import erase

    hub = Hub(two.data)
    app, client = _organiser(hub)
    try:
        evening_id = two.closed.archived.id
        before = client.get(f"/api/report?evening={evening_id}").get_json()
        assert "Invitert Lag" in [row["name"] for row in before["without_deal"]]
        erase(hub, two.ids["invitee"])  # in the second evening
        after = client.get(f"/api/report?evening={evening_id}").get_json()
        names = [row["name"] for row in after["without_deal"]]
        assert "Invitert Lag" not in names and len(names) == len(before["without_deal"])
        assert "Invitert Lag" not in client.get(f"/report?evening={evening_id}").get_data(
            as_text=True
        )
        assert archive.sha256_of(two.closed.archived.store) == two.closed.archived.digest
    finally:
        app.extensions["mail"].close()
        hub.close()


def test_the_lasting_map_of_a_closed_evening(two):
    hub = Hub(two.data)
    app, client = _organiser(hub)
    try:
        evening_id = two.closed.archived.id
        then = client.get(f"/report/catalogue?evening={evening_id}").get_data(as_text=True)
        now = client.get("/report/catalogue").get_data(as_text=True)
        assert "Sagene IF" in then and "Regnskapshjelp" in then
        assert "Sagene IF" not in now  # carried as an invitee: not shown before signing up again
        assert f'name="evening" value="{evening_id}"' in then
        assert f"evening={evening_id}" in then  # the xlsx and CSV links of that evening
        csv = client.get(f"/report/catalogue.csv?evening={evening_id}").get_data(as_text=True)
        assert "Sagene IF" in csv
        assert client.get("/report/catalogue?evening=1999-01-01").status_code == 404
    finally:
        app.extensions["mail"].close()
        hub.close()
