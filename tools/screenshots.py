"""The screenshot generator: every page a broker and an organiser use, at tablet size (1280×800).

A tool, not a test: ``make screenshots`` runs it (through pytest, for the browser fixtures of
tests/browser/conftest.py). Every shot lands in artifacts/screenshots/ (not committed) for a
person to look at; the ones the README shows are copied to ``docs/img/``. Each shot first
checks the page is the one meant, so a broken page fails here instead of producing a pretty
picture of an error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import requests

from tests.browser.conftest import ARTIFACTS
from tests.support.auth import csrf_token_in, login_page
from tests.support.processes import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ARTIFACTS / "screenshots"
DOCS_IMG = Path(__file__).resolve().parent.parent / "docs" / "img"
# The shots the README shows, by the name they have in docs/img.
IN_THE_README = {
    "kiosk-3-filled": "kiosk.png",
    "hub-1-deals": "hub.png",
    "screen-1-during": "screen.png",
}


def shoot(page, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(150)  # let a swap settle (focus rings, transitions)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    if name in IN_THE_README:
        shutil.copyfile(path, DOCS_IMG / IN_THE_README[name])


def pick(page, slot: int, typed: str, name: str) -> None:
    page.locator(f"#p{slot}-search").tap()
    page.keyboard.type(typed, delay=10)
    page.locator(f"#p{slot}-suggestions button", has_text=name).first.tap()
    page.locator(f"[data-testid=chosen-{slot}]").wait_for()


def test_kiosk_screens(evening, page):
    wait_until(lambda: evening.kiosk_api("/api/participants?q=myrholt")["participants"])
    page.goto(evening.kiosk.url + "/")
    page.get_by_role("heading", name="Registrer avtale").wait_for()
    shoot(page, "kiosk-1-empty")

    page.keyboard.type("kvernbakken", delay=10)
    page.locator("#p0-suggestions button").first.wait_for()
    shoot(page, "kiosk-2-suggestions")

    page.locator("#p0-suggestions button", has_text="Kvernbakken Idrettslag").tap()
    pick(page, 1, "myrholt sk", "Myrholt skole")
    page.get_by_label("Sted å være").tap()
    page.locator("#p0-gives").fill("Dugnadsgjeng til skoleplassen")
    page.locator("#p1-gives").fill("Gymsalen to kvelder i måneden")
    shoot(page, "kiosk-3-filled")
    page.get_by_role("button", name="Lagre avtale").tap()
    page.locator("[data-testid=saved-notice]").wait_for()
    shoot(page, "kiosk-4-saved")

    pick(page, 0, "furulund v", "Furulund Velforening")
    page.get_by_role("button", name="Lagre avtale").tap()
    page.locator("[data-testid=form-error]").wait_for()
    shoot(page, "kiosk-5-errors", full_page=True)

    page.goto(evening.kiosk.url + "/?lang=en")
    page.get_by_role("heading", name="Register a deal").wait_for()
    shoot(page, "kiosk-6-english")
    page.goto(evening.kiosk.url + "/?lang=nb")


def a_busy_quarter_hour(evening) -> None:
    """A few more deals from the tablet, one corrected and one voided, for the organiser's list."""
    people = {
        p["name"]: p["id"]
        for q in ("tårnlia", "bekkelia", "granlia", "solbergli")
        for p in evening.kiosk_api(f"/api/participants?q={q}")["participants"]
    }
    deals = [
        ("Tårnlia Dagligvare AS", "Tårnlia sykehjem", "equipment", "Frukt til fredagskaffen", ""),
        (
            "Bekkelia Førstehjelpslag",
            "Bekkelia Ungdomsteater",
            "courses",
            "Førstehjelpskurs",
            "Forestilling",
        ),
        ("Granlia Reklamebyrå AS", "Granlia Leksehjelp", "expertise", "Ny logo og plakat", "Takk"),
        ("Solbergli Kor", "Solbergli Data og IT AS", "culture", "Julekonsert", "Ny nettside"),
    ]
    ids = []
    for a, b, category, gives_a, gives_b in deals:
        answer = requests.post(
            f"{evening.kiosk.url}/api/deals",
            json={
                "parties": [
                    {"participant_id": people[a], "gives": gives_a},
                    {"participant_id": people[b], "gives": gives_b},
                ],
                "category": category,
                "kind": "mutual" if gives_b else "gift",
                "deadline": "2027-02-25",
                "broker": "Kari",
            },
            timeout=5,
        )
        ids.append(answer.json()["id"])
    requests.post(
        f"{evening.kiosk.url}/api/deals/{ids[2]}/void", json={"reason": "Dobbel"}, timeout=5
    )
    wait_until(lambda: evening.kiosk_api("/api/status")["pending"] == 0)


def test_hub_screens(evening, page):
    a_busy_quarter_hour(evening)
    login_page(page, evening.hub.url)
    page.goto(evening.hub.url + "/")
    page.locator("[data-testid=deal-count]").wait_for()
    shoot(page, "hub-1-deals")
    page.goto(evening.hub.url + "/participants")
    page.get_by_role("heading", name="Legg til deltaker").wait_for()
    shoot(page, "hub-2-participants")
    page.goto(evening.hub.url + "/settings")
    page.locator("#closes_at").wait_for()
    shoot(page, "hub-3-settings")


def test_stage_screen(evening, browser):
    """The stage screen during the hour, at a projector's 1280×720, with the deals above."""
    session = evening.organiser
    token = csrf_token_in(session.get(f"{evening.hub.url}/controls", timeout=5).text)
    session.post(f"{evening.hub.url}/controls/gong", data={"action": "open", "csrf_token": token})
    screen = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        screen.goto(evening.hub.url + "/screen")
        screen.wait_for_function(
            "() => document.getElementById('board').dataset.phase === 'during'"
        )
        screen.wait_for_timeout(1500)  # the gong's flash is over
        shoot(screen, "screen-1-during")
    finally:
        screen.close()
