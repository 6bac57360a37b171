"""The follow-up workbook: real dates, a status drop-down, frozen header and filters; saved by
LibreOffice (headless), changed, saved again, imported back. What the sheet changed becomes
events; a change that meets a newer change on the board is held beside it, never written over
it, until the organiser chooses."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from hub.followup import desk, upload, workbook

SOFFICE = shutil.which("soffice")
TODAY = dt.date.today()


def libreoffice_saves(source: Path, folder: Path) -> Path:
    """``source`` opened and saved as .xlsx by LibreOffice headless (a private profile)."""
    out = folder / "saved-by-lo"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    saved = out / source.name
    assert done.returncode == 0 and saved.exists(), done.stdout + done.stderr
    return saved


def _rows(sheet) -> dict[str, dict]:
    cells = list(sheet.iter_rows(values_only=True))
    header = cells[0]
    records = [dict(zip(header, row, strict=False)) for row in cells[1:]]
    return {r["avtale-id"]: r for r in records if r.get("avtale-id")}


def test_the_workbook_is_made_for_a_spreadsheet(evening, organiser):
    answer = organiser.get("/followup.xlsx")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"].startswith('attachment; filename="oppfolging-')
    book = openpyxl.load_workbook(io.BytesIO(answer.data))
    sheet = book.active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:O")
    (choices,) = sheet.data_validations.dataValidation
    assert (
        choices.type == "list" and "Gjennomført" in choices.formula1 and "K2" in str(choices.sqref)
    )
    rows = _rows(sheet)
    assert set(rows) == set(evening.deals.values())
    bake = rows[evening.deals["bake"]]
    assert isinstance(bake["Frist"], dt.datetime) and isinstance(
        bake["Neste oppfølging"], dt.datetime
    )
    assert bake["Status"] == "Åpen" and bake["Part A"] == "Kvernbakken Bakeri AS"
    assert sheet.column_dimensions["P"].hidden and sheet.column_dimensions["Q"].hidden


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_by_libreoffice_comes_back_as_events(evening, organiser, tmp_path):
    hub = evening.hub
    bake, room, walk = (evening.deals[k] for k in ("bake", "room", "walk"))
    desk.change(hub, walk, {"notes": "Ring Vera i januar"})
    downloaded = tmp_path / "oppfolging.xlsx"
    downloaded.write_bytes(organiser.get("/followup.xlsx").data)
    saved = libreoffice_saves(downloaded, tmp_path)

    # The organiser's edit, in the file LibreOffice wrote
    book = openpyxl.load_workbook(saved)
    sheet = book.active
    assert sheet.data_validations.dataValidation, "LibreOffice kept the drop-down"
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) for name in header if name}
    for row in sheet.iter_rows(min_row=2):
        deal_id = row[column["avtale-id"]].value
        if deal_id == bake:
            row[column["Status"]].value = "Gjennomført"
            row[column["Sist kontakt"]].value = dt.datetime(2026, 12, 10)
            row[column["Notater"]].value = "Boller levert, cupen ble en suksess"
        elif deal_id == room:
            row[column["Status"]].value = "Ikke nådd"  # meets the board's change below
            row[column["Notater"]].value = "Ingen svar på telefon"
    edited = tmp_path / "edited" / "oppfolging.xlsx"
    edited.parent.mkdir()
    book.save(edited)
    final = libreoffice_saves(edited, tmp_path / "again")

    # Meanwhile, on the board: the nursing home called back
    desk.change(hub, room, {"status": "in_progress", "last_contact": TODAY.isoformat()})
    before = hub.store.head()
    answer = organiser.post(
        "/followup.xlsx",
        data={"file": (final.open("rb"), "oppfolging.xlsx")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 303, answer.get_data(as_text=True)
    assert "recorded=2&held=1" in answer.headers["Location"]
    assert hub.store.head() == before + 3  # two changes recorded, one held

    done = hub.evening.followup.card(bake)
    assert (done.status, done.last_contact) == ("done", "2026-12-10")
    assert desk.notes_of(hub).open(done.notes) == "Boller levert, cupen ble en suksess"
    assert done.history[-1].via == "workbook"
    assert desk.notes_of(hub).open(hub.evening.followup.card(walk).notes) == "Ring Vera i januar"

    held = hub.evening.followup.card(room)
    assert held.status == "in_progress"  # the board's newer change stands
    assert desk.notes_of(hub).open(held.notes) == "Ingen svar på telefon"  # not a conflict
    ((held_id, (step, base)),) = held.held.items()
    assert step.changes == {"status": "not_reached"} and base == 0
    page = organiser.get(f"/followup/{room}").get_data(as_text=True)
    side = page[page.index('data-testid="held"') :]
    assert side.index("Underveis") < side.index("Ikke nådd")  # board's beside the sheet's

    # Importing the same file again changes nothing new, and holds nothing twice
    again = upload.upload(hub, final.read_bytes())
    assert not again.record and again.hold == {room: ({"status": "not_reached"}, 0)}

    taken = organiser.post(f"/followup/{room}/held/{held_id}", data={"take": "sheet"})
    assert taken.status_code == 303
    settled = hub.evening.followup.card(room)
    assert settled.status == "not_reached" and held_id not in settled.held


def test_a_wrong_cell_refuses_the_whole_upload(evening, organiser):
    hub = evening.hub
    book = openpyxl.load_workbook(io.BytesIO(organiser.get("/followup.xlsx").data))
    sheet = book.active
    sheet["K2"] = "Kanskje"
    sheet["K3"] = "Gjennomført"
    sheet["M3"] = "i forrige uke"
    out = io.BytesIO()
    book.save(out)
    before = hub.store.head()
    answer = organiser.post(
        "/followup.xlsx",
        data={"file": (io.BytesIO(out.getvalue()), "oppfolging.xlsx")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "Rad og felt 2.status" in page and "Rad og felt 3.last_contact" in page
    assert hub.store.head() == before
    junk = organiser.post(
        "/followup.xlsx",
        data={"file": (io.BytesIO(b"not a workbook"), "x.xlsx")},
        content_type="multipart/form-data",
    )
    assert junk.status_code == 422 and "ikke et regneark" in junk.get_data(as_text=True)
    assert workbook.COLUMNS[-2:] == ("deal_id", "revision")
