"""The party picker by keyboard and screen reader (issue 11 item 11) and what it shows while
picking (issue 14): the arrow keys move through the suggestions with the focus kept in the
combobox, Enter takes one, and the chosen party's offers and needs are on screen."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_arrow_keys_and_enter_choose_a_party_and_show_what_it_offers(evening, page):
    page.goto(evening.kiosk.url + "/")
    box = page.locator("#p0-search")
    box.focus()
    page.keyboard.type("kvernbakken", delay=20)
    options = page.locator("#p0-listbox [role=option]")
    options.nth(1).wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = options.nth(1)
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.id") == "p0-search"  # the focus stays put
    name = second.locator(".name").inner_text()
    page.keyboard.press("Enter")
    chosen = page.locator("[data-testid=chosen-0]")
    chosen.wait_for()
    assert name in chosen.inner_text()
    resources = page.locator("[data-testid=resources-0]")
    assert "Tilbyr" in resources.inner_text() or "Trenger" in resources.inner_text()
    page.screenshot(path="/tmp/picker-chosen.png", full_page=True)
    assert page.locator("[data-testid=saved-notice]").count() == 0  # Enter saved nothing


def test_a_walk_in_typed_like_a_known_name_is_offered_the_known_one(evening, page):
    page.goto(evening.kiosk.url + "/")
    page.locator("#picker-1 button", has_text="Ny deltaker").click()
    page.locator("#p1-walkin-name").type("Kvernbaken Bakeri", delay=20)
    offer = page.locator("[data-testid=alike-1] button", has_text="Kvernbakken Bakeri AS")
    offer.wait_for()
    page.screenshot(path="/tmp/picker-alike.png", full_page=True)
    offer.click()
    page.locator("[data-testid=chosen-1]", has_text="Kvernbakken Bakeri AS").wait_for()
