"""The deal form and the stage screen in Chromium, where only a browser can tell (issue 11):
fast taps save one deal and keep its ✓ (item 2), dates read dd.mm.yyyy on an English browser
(item 4), the focus follows the form (item 11), the sound offer hides nothing (item 8), and a
long name does not widen the organiser's page (item 5)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: F401 - the same browser as the rest
from tests.browser.test_kiosk_flow import Finger, choose, kiosk_deals, ready
from tests.support.auth import csrf_token_in, login_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def focus_on(page, element_id: str) -> None:
    page.wait_for_function(f"() => document.activeElement.id === '{element_id}'", timeout=2000)


def fill_a_deal(page, finger: Finger, first: str, first_name: str, second: str, second_name):
    finger.tap("#p0-search")
    choose(finger, 0, first, first_name)
    focus_on(page, "p0-gives")
    finger.type("Lokale")
    finger.tap("#p1-search")
    choose(finger, 1, second, second_name)
    focus_on(page, "p1-gives")
    finger.type("Kurs")
    finger.tap(page.get_by_label("Sted å være"))


def test_three_fast_taps_save_one_deal_and_keep_its_tick(evening, page):
    ready(evening)
    page.goto(evening.kiosk.url + "/")
    finger = Finger(page)
    before = len(kiosk_deals(evening))
    fill_a_deal(page, finger, "kvernbakken id", "Kvernbakken Idrettslag", "myrholt sk", "Myrholt")
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
    save = page.get_by_role("button", name="Lagre avtale")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for _ in range(3):  # a finger that taps again and again, 40 ms apart, where the button is
        page.touchscreen.tap(x, y)
        page.wait_for_timeout(40)
    page.locator("[data-testid=saved-notice]").wait_for()
    page.wait_for_timeout(1500)  # whatever the later taps caused has happened by now
    assert len(kiosk_deals(evening)) == before + 1
    assert page.locator("[data-testid=saved-notice]").is_visible()
    assert page.locator("[data-testid=form-error]").count() == 0
    assert len(posts) == 1, [p.url for p in posts]


def test_the_deadline_reads_day_first_on_an_english_browser(evening, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    try:
        page = context.new_page()
        page.goto(evening.kiosk.url + "/")
        field = page.locator("#deadline")
        assert field.get_attribute("type") == "text"
        assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", field.input_value()), field.input_value()
        assert "dd.mm" in (field.get_attribute("placeholder") or "")
        hint = page.locator("#" + field.get_attribute("aria-describedby").split()[0])
        assert "dd.mm" in hint.inner_text()
    finally:
        context.close()


def test_the_focus_follows_the_form_and_errors_name_their_field(evening, page):
    ready(evening)
    page.goto(evening.kiosk.url + "/")
    page.locator("#p0-search").focus()
    page.keyboard.type("furulund v", delay=15)
    # (How a suggestion is reached by keys is the picker's own; here it is chosen by a click.)
    page.locator("#p0-suggestions button", has_text="Furulund Velforening").first.click()
    focus_on(page, "p0-gives")  # not past "Gir" to the next party's search
    page.keyboard.type("Hagemøbler")
    page.keyboard.press("Tab")  # then on, in the form's order, to the second party
    assert page.evaluate("document.activeElement.closest('#picker-1') !== null")
    page.locator("#p1-search").focus()
    page.keyboard.type("granlia pen", delay=15)
    page.locator("#p1-suggestions button", has_text="Granlia").first.click()
    # After the last party, the focus is not lost on the page: it is on what that party gives.
    focus_on(page, "p1-gives")

    page.locator("[data-testid=chosen-1]").get_by_role("button").click()  # change party 2
    page.locator("#p1-search").wait_for()
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Lagre avtale").click()
    assert answer.value.status == 422
    search = page.locator("#p1-search")
    described = search.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described}").inner_text().strip()
    category = page.locator("fieldset", has=page.locator("input[name=category]")).first
    assert page.locator("#" + category.get_attribute("aria-describedby")).is_visible()


def test_the_sound_offer_covers_nothing_on_the_screen(evening, browser):
    session = evening.organiser
    token = csrf_token_in(session.get(f"{evening.hub.url}/controls", timeout=5).text)
    session.post(f"{evening.hub.url}/controls/gong", data={"action": "open", "csrf_token": token})
    for size in ({"width": 1280, "height": 720}, {"width": 1024, "height": 768}):
        screen = browser.new_page(viewport=size)
        try:
            screen.goto(evening.hub.url + "/screen")
            screen.evaluate("document.getElementById('sound').hidden = false")
            overlaps = screen.evaluate(
                """() => {
                  const s = document.getElementById('sound').getBoundingClientRect();
                  const hit = (r) => !(r.right <= s.left || r.left >= s.right ||
                                       r.bottom <= s.top || r.top >= s.bottom);
                  return [...document.querySelectorAll('#board section, #board h1, .head-side')]
                    .filter(el => hit(el.getBoundingClientRect())).map(el => el.className);
                }"""
            )
            assert overlaps == [], (size, overlaps)
        finally:
            screen.close()


def test_a_long_name_does_not_widen_the_organisers_pages(evening, browser):
    session = evening.organiser
    page_html = session.get(f"{evening.hub.url}/participants", timeout=5).text
    long_name = "Lang" * 30  # 120 letters, one word: the most the rules allow
    session.post(
        f"{evening.hub.url}/participants",
        data={"name": long_name, "sector": "voluntary", "csrf_token": csrf_token_in(page_html)},
        timeout=5,
    )
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        login_page(page, evening.hub.url)
        for path in ("/participants", "/"):
            page.goto(evening.hub.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 1440, (path, width)
    finally:
        context.close()
