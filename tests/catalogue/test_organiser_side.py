"""The organiser's side of the catalogue: behind the login, whom to recruit (the needs no
offer meets), the public address QR codes point to, the evening's own categories; and the
printouts, opened, read and their QR codes decoded back to the right address."""

from __future__ import annotations

import re

import pytest

import hub as hub_web
from tests.catalogue.conftest import CONTACTS
from tests.printing.reading import pages_text, qr_codes
from tests.support.auth import csrf_token_in, ensure_password, login_test_client

PUBLISHED = "https://bors.sagene.example"
ORGANISER_URLS = ["/settings/catalogue", "/print/catalogue.pdf", "/print/qr-notes.pdf"]


@pytest.fixture
def organiser(bors):
    client = hub_web.create_app(bors.hub).test_client()
    return login_test_client(client, bors.hub.data_dir)


@pytest.mark.parametrize("url", ORGANISER_URLS)
def test_the_organiser_side_needs_the_login(read_bors, visitor, url):
    ensure_password(read_bors.hub.data_dir)
    answer = visitor.get(url)
    assert answer.status_code in (302, 303) and "/login" in answer.headers["Location"]


def test_the_needs_no_offer_meets_are_listed_to_recruit_for(organiser, bors):
    page = organiser.get("/settings/catalogue").get_data(as_text=True)
    rows = re.findall(
        r'<tr data-testid="unmet-need"><td>([^<]*)</td><td><a [^>]*>([^<]*)</a>', page
    )
    unmet = bors.catalogue.matches.unmet()
    assert len(rows) == len(unmet) > 0
    texts = {r.text for r in unmet}
    assert "Tolk i swahili til hemmelige møter" in texts  # hidden from the public, not here
    assert "Snøscooter til julebordet" not in texts  # a withdrawn participant's need is gone
    for participant_id in {r.participant_id for r in unmet}:
        assert bors.catalogue.matches.for_participant(participant_id, public=False)


def test_the_address_is_checked_and_then_used_by_the_qr_codes(organiser, bors):
    token = csrf_token_in(organiser.get("/settings/catalogue").get_data(as_text=True))
    refused = organiser.post(
        "/settings/catalogue/address", data={"public_url": "bors dot no", "csrf_token": token}
    )
    assert refused.status_code == 422
    assert 'id="err-public_url"' in refused.get_data(as_text=True)
    assert bors.catalogue.public_url == ""
    saved = organiser.post(
        "/settings/catalogue/address", data={"public_url": PUBLISHED + "/", "csrf_token": token}
    )
    assert saved.status_code == 303
    assert bors.catalogue.public_url == PUBLISHED


def test_the_organiser_renames_and_adds_categories(organiser, bors):
    token = csrf_token_in(organiser.get("/settings/catalogue").get_data(as_text=True))
    form = {"code": "", "name_nb": "Mat og drikke", "name_en": "Food", "csrf_token": token}
    assert organiser.post("/settings/catalogue/category", data=form).status_code == 303
    assert "mat-og-drikke" in bors.catalogue.category_codes()
    bad = {"code": "X!", "name_nb": "", "csrf_token": token}
    assert organiser.post("/settings/catalogue/category", data=bad).status_code == 422


def test_the_printed_catalogue_is_ordered_by_category_with_its_qr(organiser, bors):
    bors.hub.record("set_catalogue_address", {"public_url": PUBLISHED})
    answer = organiser.get("/print/catalogue.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    pdf = answer.data
    text = "\n".join(pages_text(pdf))
    headings = ["Sted å være", "Utstyr", "Kurs og foredrag", "Frivillig innsats"]
    at = [text.index(f"\n{h}\n") for h in headings]
    assert at == sorted(at), "categories out of order"
    assert "Årstad Skolekorps (Frivillig)" in text
    assert "Øvingslokale for korpset på tirsdager" in text
    assert "Røde Kors Sagene (Frivillig)" in text
    for hidden in ("Skjult Forening", "Trukket Lag", *CONTACTS.values()):
        assert hidden not in text
    assert qr_codes(pdf)[0] == [f"{PUBLISHED}/catalogue"]


def test_qr_notes_point_to_the_catalogue_and_each_category(organiser, bors):
    bors.hub.record("set_catalogue_address", {"public_url": PUBLISHED})
    pdf = organiser.get("/print/qr-notes.pdf?lang=en").data
    codes = qr_codes(pdf)
    assert all(len(page) == 1 for page in codes)  # one large code a sheet
    assert codes[0] == [f"{PUBLISHED}/catalogue"]
    assert [f"{PUBLISHED}/catalogue?category=premises"] in codes
    first = pages_text(pdf)[0]
    assert "Scan the code to see who is here" in first and f"{PUBLISHED}/catalogue" in first
