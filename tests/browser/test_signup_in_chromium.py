"""The public sign-up in Chromium, at a phone's size and a desktop's, on a real ``bors hub``:
every error beside its field with the typing kept, then the sign-up and the personal link.
The organiser's register is looked at in the same browser. Screenshots go to
artifacts/signup/ (looked at by hand when the pages change)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from hub.participants import register
from hub.service import Hub
from tests.browser.conftest import ARTIFACTS
from tests.register.conftest import OPEN, person, sign_up
from tests.support.auth import login_page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = ARTIFACTS / "signup"


def prepared(folder: Path) -> Path:
    """A hub folder with the sign-up open and a few in the register already."""
    hub = Hub(folder)
    try:
        register.configure_signup(hub, OPEN)
        sign_up(hub, person("Røde Kors Sagene", "voluntary", "sagene@rodekors.example"))
        register.invite(hub, {"name": "Bydel Sagene", "sector": "public"})
    finally:
        hub.close()
    return folder


@pytest.fixture(scope="module")
def running_hub(tmp_path_factory):
    from tests.support.processes import Programs

    base = tmp_path_factory.mktemp("signup")
    programs = Programs(base)
    try:
        yield programs.hub(prepared(base / "hub"))
    finally:
        programs.stop_all()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def error_beside(page, field: str) -> str:
    """The message shown right after the field's own control (inside the same field box)."""
    box = page.locator(f"#err-{field}")
    assert box.is_visible()
    described = page.locator(f'[aria-describedby="err-{field}"]')
    if described.count():
        assert described.first.get_attribute("aria-invalid") == "true"
    return box.inner_text()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_participant_signs_up_in_the_browser(browser, running_hub, size):
    viewport = PHONE if size == "phone" else DESKTOP
    context = browser.new_context(viewport=viewport, locale="nb-NO", has_touch=size == "phone")
    page = context.new_page()
    try:
        page.goto(running_hub.url + "/signup")
        assert page.locator("h1").inner_text()
        shot(page, f"signup-{size}")
        # Nothing may be wider than the screen: a phone scrolls down, never sideways
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], width
        page.fill("#name", f"Sagene IF {size}")
        page.fill("#orgnr", "123 456 789")
        page.select_option("#sector", "voluntary")
        page.fill("#contact_person", "Kari Nordmann")
        page.fill("#email", "kari-at-sagene-if.example")
        page.select_option("#need_category_0", "premises")
        page.fill("#need_text_0", "Et rom til trening på tirsdager")
        page.fill("#offer_text_0", "Dugnadshjelp")  # the category is forgotten
        time.sleep(3.1)  # a person takes longer than the minimum fill time
        with page.expect_navigation():
            page.click("button.big")
        shot(page, f"signup-errors-{size}")
        assert page.locator('[data-testid="form-errors"]').is_visible()
        assert "organisasjonsnummer" in error_beside(page, "orgnr").lower()
        assert error_beside(page, "email")
        assert error_beside(page, "offers-0-category")
        assert error_beside(page, "consent")
        # What was typed is all still there
        assert page.input_value("#name") == f"Sagene IF {size}"
        assert page.input_value("#email") == "kari-at-sagene-if.example"
        assert page.input_value("#need_text_0") == "Et rom til trening på tirsdager"
        assert page.input_value("#sector") == "voluntary"
        page.fill("#orgnr", "974 760 673")
        page.fill("#email", f"kari.{size}@sagene-if.example")
        page.select_option("#offer_category_0", "volunteering")
        page.check("#consent")
        with page.expect_navigation():
            page.click("button.big")  # corrected at once: not "too fast"
        assert page.locator('[data-testid="welcome"]').is_visible()
        link = page.locator('[data-testid="own-link"]').inner_text()
        assert re.match(r"http://127\.0\.0\.1:\d+/signup/me/[\w.-]+$", link)
        assert f"kari.{size}@sagene-if.example" not in page.content()
        shot(page, f"signup-welcome-{size}")
        page.goto(link + "/edit")
        assert page.input_value("#name") == f"Sagene IF {size}"
        assert page.input_value("#email") == ""  # never shown in full
    finally:
        context.close()


def test_the_register_in_the_browser(browser, running_hub):
    context = browser.new_context(viewport=DESKTOP, locale="nb-NO")
    page = context.new_page()
    try:
        login_page(page, running_hub.url)
        page.goto(running_hub.url + "/participants")
        assert page.locator('[data-testid="register"] tbody tr').count() >= 2
        shot(page, "register-list")
        page.fill("#q", "rode kors")
        with page.expect_navigation():
            page.click(".filters button[type=submit], form[method=get] button[type=submit]")
        assert page.locator('[data-testid="register"] tbody tr').count() == 1
        page.click("text=Røde Kors Sagene")
        page.wait_for_selector('[data-testid="participant-name"]')
        assert page.input_value("#email") == "sagene@rodekors.example"
        shot(page, "register-detail")
    finally:
        context.close()


def test_the_import_page_in_the_browser(browser, running_hub):
    from tests.imports.test_importing_the_actor_sheet import FIXTURES

    context = browser.new_context(viewport=DESKTOP, locale="nb-NO")
    page = context.new_page()
    try:
        login_page(page, running_hub.url)
        page.goto(running_hub.url + "/participants/import")
        page.set_input_files("#sheet", str(FIXTURES / "nettskjema.csv"))
        with page.expect_navigation():
            page.click("button[type=submit]:not(.secondary)")
        assert page.locator('[data-outcome="refused"]').count() == 1
        assert page.locator("#map_3").input_value() == "name"
        shot(page, "import-preview")
        with page.expect_navigation():
            page.click('[data-testid="import-confirm"]')
        assert page.locator('[data-testid="import-done"]').is_visible()
        shot(page, "import-done")
    finally:
        context.close()
