"""The follow-up board in Chromium, on a real ``bors hub`` (issue 15): the organiser filters
the board, opens a deal, changes its status and sees it in the history; screenshots of the
board and a deal's card are saved for a person to look at (artifacts/followup-*.png)."""

from __future__ import annotations

import datetime as dt

import pytest

from hub.followup import desk
from hub.service import Hub
from tests.browser.conftest import ARTIFACTS
from tests.followup.conftest import build_evening
from tests.support.auth import login_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def followup_hub(programs, tmp_path):
    data = tmp_path / "hub"
    hub = Hub(data)
    evening = build_evening(hub)
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    desk.change(hub, evening.deals["bake"], {"next_contact": yesterday, "status": "in_progress"})
    desk.change(hub, evening.deals["room"], {"status": "done", "last_contact": yesterday})
    hub.record("mark_story", evening.deals["room"], {"text": "Nytt møterom", "consents": []}, [])
    hub.close()
    return programs.hub(data), evening


def test_the_organiser_follows_a_deal_up_on_the_board(followup_hub, page):
    running, evening = followup_hub
    login_page(page, running.url)
    page.goto(running.url + "/followup")
    board = page.get_by_test_id("board")
    assert board.locator("tbody tr").count() == 3
    assert page.get_by_test_id("tally").inner_text().count(":") >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "followup-board.png"), full_page=True)

    page.get_by_role("link", name="Forfalt: 1").click()
    assert board.locator("tbody tr").count() == 1
    assert "Kvernbakken Bakeri AS" in board.inner_text()
    page.select_option("#f_view", "")
    page.select_option("#f_sector", "public")
    page.get_by_role("button", name="Vis", exact=True).click()
    assert board.locator("tbody tr").count() == 1 and "Tårnlia sykehjem" in board.inner_text()

    page.goto(running.url + "/followup")
    page.locator(f'tr[data-deal="{evening.deals["walk"]}"] a').first.click()
    page.select_option("#status", "not_feasible")
    page.get_by_role("button", name="Lagre", exact=True).click()
    assert page.locator(".field-error").first.is_visible()  # a reason is needed
    page.fill("#reason", "Vel-festen ble flyttet til våren")
    page.fill("#notes", "Vera ringer tilbake i mars")
    page.get_by_role("button", name="Lagre", exact=True).click()
    assert page.get_by_role("status").inner_text() == "Lagret."
    history = page.get_by_test_id("history").inner_text()
    assert "Ikke gjennomførbar" in history and "Vera ringer tilbake i mars" in history
    page.screenshot(path=str(ARTIFACTS / "followup-deal.png"), full_page=True)

    page.goto(running.url + "/followup?status=not_feasible")
    assert page.get_by_test_id("board").locator("tbody tr").count() == 1


def test_the_report_reads_well_on_screen(followup_hub, page):
    running, _ = followup_hub
    login_page(page, running.url)
    page.goto(running.url + "/report")
    assert page.locator("svg.chart").count() == 6
    assert page.get_by_test_id("figures").inner_text().count("3") >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
