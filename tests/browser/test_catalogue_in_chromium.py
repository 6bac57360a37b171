"""The catalogue in Chromium on a phone and a desktop, on a real ``bors hub`` process: a
visitor searches as they type, filters, opens a participant and scans the QR code off the
screen (decoded from a screenshot) to the page's own address."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from hub.service import Hub
from tests.catalogue.conftest import Bors
from tests.support.processes import Programs

PUBLISHED = "https://bors.sagene.example"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    base = tmp_path_factory.mktemp("served")
    hub = Hub(base / "hub")
    bors = Bors(hub)
    korps = bors.korps
    # Published on the internet for the sign-up weeks: QR codes point there, not at the LAN.
    hub.record("set_catalogue_address", {"public_url": PUBLISHED})
    hub.close()
    programs = Programs(base)
    program = programs.hub(base / "hub")
    yield program.url, korps
    programs.stop_all()


@pytest.fixture(params=sorted(SIZES))
def visitor_page(request, browser):
    context = browser.new_context(viewport=SIZES[request.param], locale="nb-NO")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.size_name = request.param
    yield page
    context.close()


def test_search_as_one_types_then_filter(served, visitor_page, tmp_path):
    url, _ = served
    page = visitor_page
    page.goto(f"{url}/catalogue")
    expect(page.get_by_role("heading", name="Børskatalog")).to_be_visible()
    expect(page.get_by_test_id("catalogue-entry")).to_have_count(28)
    page.get_by_test_id("catalogue-q").fill("Rode Kors")
    expect(page.get_by_test_id("catalogue-entry")).to_have_count(1)
    expect(page.get_by_test_id("catalogue-entry")).to_contain_text("Røde Kors Sagene")
    assert "q=Rode%20Kors" in page.url  # the search is in the address: a link can be shared
    page.get_by_test_id("catalogue-q").fill("lokale")
    page.get_by_test_id("catalogue-category").select_option("premises")
    page.get_by_test_id("catalogue-sector").select_option("business")
    expect(page.get_by_test_id("catalogue-entry")).to_have_count(1)
    expect(page.get_by_test_id("catalogue-entry")).to_contain_text("Kaffebrenneriet Torshov")
    page.screenshot(path=str(tmp_path / f"catalogue-{page.size_name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[page.size_name]["width"]  # nothing sticks out sideways on a phone


def test_the_qr_code_on_a_participant_page_opens_that_page(served, visitor_page):
    url, korps = served
    page = visitor_page
    page.goto(f"{url}/catalogue?q=korps&lang=en")
    page.get_by_role("link", name="Årstad Skolekorps").click()
    expect(page.get_by_role("heading", name="Suggested deals")).to_be_visible()
    expect(page.get_by_test_id("catalogue-reason").first).to_contain_text(
        "Årstad Skolekorps needs “Øvingslokale for korpset på tirsdager”"
    )
    shot = page.get_by_test_id("catalogue-qr").locator("svg").screenshot()
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert [c.text for c in codes] == [f"{PUBLISHED}/catalogue/{korps}"]
    expect(page.get_by_test_id("catalogue-qr")).to_contain_text(f"{PUBLISHED}/catalogue/{korps}")
