"""Headless Chromium (Debian's, driven by Playwright) and a running evening to point it at.

One browser for the whole session (launching costs a few tenths of a second, a page far less);
one hub and one kiosk per test module, as real ``bors`` processes on loopback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests

from bors.demo import seed
from tests.support.auth import login_session
from tests.support.processes import Programs

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TABLET = {"width": 1280, "height": 800}  # a 10" tablet in landscape
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(FAILED, False)
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_driver():
    """The one Playwright driver of the session (a second sync driver in one thread fails)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (make system-packages)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver):
    chromium = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh tablet-sized page (own cookies) with a touch screen, in bokmål.

    When the test fails, the page is saved as a screenshot in artifacts/failures/.
    """
    context = browser.new_context(
        viewport=TABLET, has_touch=True, locale="nb-NO", accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    if request.node.stash.get(FAILED, False):
        failures = ARTIFACTS / "failures"
        failures.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(failures / f"{request.node.name}.png"), full_page=True)
    context.close()


class Evening:
    """A seeded hub and one kiosk syncing with it, and the organiser logged in to the hub."""

    def __init__(self, programs: Programs, base: Path):
        hub_dir = base / "hub"
        seed(hub_dir)
        self.hub = programs.hub(hub_dir)
        self.kiosk = programs.kiosk(base / "kiosk", self.hub.url, extra=["--name", "Nettbrett 1"])
        self.organiser = login_session(self.hub.url)

    def hub_api(self, path: str) -> dict:
        answer = self.organiser.get(self.hub.url + path, timeout=5)
        answer.raise_for_status()
        return answer.json()

    def kiosk_api(self, path: str) -> dict:
        answer = requests.get(self.kiosk.url + path, timeout=5)
        answer.raise_for_status()
        return answer.json()

    def close(self) -> None:
        self.organiser.close()


@pytest.fixture(scope="module")
def evening(tmp_path_factory):
    base = tmp_path_factory.mktemp("evening")
    programs = Programs(base)
    running = None
    try:
        running = Evening(programs, base)
        yield running
    finally:
        if running is not None:
            running.close()
        programs.stop_all()
