"""The stage screen in Chromium, against real hub and kiosk processes.

Screenshots of every state at 1920×1080 and 1280×720 land in artifacts/screenshots/screen/ (look
at them after a change: a test cannot judge what reads well from the back of a hall).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from bors.demo import seed
from hub.service import Hub
from hub.stage import service as stage_actions
from tests.support.auth import login_page
from tests.support.deals import deal_payload
from tests.support.processes import ROOT, wait_until

SHOTS = ROOT / "artifacts" / "screenshots" / "screen"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]
VIEWPORTS = {"1920x1080": (1920, 1080), "1280x720": (1280, 720)}

LONG_EVENT = "Frivilligbørs for Bydel Nordre Aker, Kvernbakken, Tårnlia og Lindeløkka – høsten 2026"
LONGEST_NAMES = (
    "Foreningen for Vedlikehold av Turstier, Skiløyper og Gapahuker i Lillomarka og "
    "Grorudmarka Nordøst",
    "Interkommunalt Samarbeidsutvalg for Forebyggende Helsearbeid, Rusomsorg og "
    "Oppfølgingstjenester",
)
MARKUP_NAME = '<img src=x onerror="alert(1)"><script>alert(2)</script>Lag & «Venner»'


@pytest.fixture(scope="module")
def chromium(playwright_driver):
    # The session's one Playwright driver (tests/browser/conftest.py); a browser of its own
    # here, for the autoplay flag the gong needs.
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def screen_page(chromium):
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="nb-NO")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


# --- building an evening in the hub's data folder (before its process starts) ------------------


def participant_ids(h: Hub) -> list[str]:
    """Consenting participants first, so the ticker has names as well as anonymous parties."""
    people = sorted(h.evening.participants.values(), key=lambda p: (not p.consent_public, p.name))
    return [p.id for p in people]


def add_deals(h: Hub, count: int, first_party: str | None = None) -> None:
    ids = participant_ids(h)
    categories = ("premises", "equipment", "courses", "culture", "volunteering", "expertise")
    for i in range(count):
        a = first_party or ids[(2 * i) % len(ids)]
        b = ids[(7 * i + 3) % len(ids)]
        if a == b:
            b = ids[(7 * i + 4) % len(ids)]
        deal = {
            "parties": [
                {"participant_id": a, "gives": "Lån av lokale"},
                {"participant_id": b, "gives": "Kurs for frivillige"},
            ],
            "category": categories[(i * 5) % len(categories)],
            "kind": "mutual",
            "deadline": "2027-03-01",
            "broker": "Kari",
        }
        h.register_deal(deal)


def add_participant(h: Hub, name: str, sector: str = "voluntary") -> str:
    return h.register_participant(
        {
            "name": name,
            "sector": sector,
            "contact_person": "Test Testesen",
            "email": "test@example.org",
            "phone": "+47 400 00 000",
            "needs": [],
            "offers": [],
            "consent_public": True,
        }
    )


def build_evening(
    hub_dir: Path,
    *,
    deals: int = 0,
    opened: bool = False,
    closed: bool = False,
    late: int = 0,
    record: int | None = 95,
    message: str = "",
    language: str = "nb",
    long_names: bool = False,
    closes_in_minutes: int = 38,
) -> None:
    seed(hub_dir)
    h = Hub(hub_dir)
    try:
        settings = dict(h.evening.settings)
        now = time.localtime()
        if long_names:
            settings["name"] = LONG_EVENT
            for name in LONGEST_NAMES:
                add_participant(h, name)
        if not opened:
            opens = time.localtime(time.time() + 12 * 60)
            settings["opens_at"] = time.strftime("%H:%M", opens)
            settings["closes_at"] = time.strftime("%H:%M", time.localtime(time.time() + 72 * 60))
        else:
            settings["opens_at"] = time.strftime("%H:%M", time.localtime(time.time() - 22 * 60))
            closes = time.localtime(time.time() + closes_in_minutes * 60)
            settings["closes_at"] = time.strftime("%H:%M", closes)
        if settings["closes_at"] <= settings["opens_at"]:  # near midnight: keep it valid
            settings["opens_at"], settings["closes_at"] = "00:00", "23:59"
        settings["date"] = time.strftime("%Y-%m-%d", now)
        h.schedule_evening(settings)
        if record is not None:
            stage_actions.record_earlier_evening(
                h,
                {
                    "name": "Frivilligbørs Nordre Aker 2025",
                    "date": "2025-10-09",
                    "deals": str(record),
                    "participants": "80",
                },
            )
        if opened:
            stage_actions.open_hour(h)
        long_party = None
        if long_names:
            long_party = next(
                p.id for p in h.evening.participants.values() if p.name == LONGEST_NAMES[0]
            )
        add_deals(h, deals, long_party)
        if closed:
            stage_actions.close_hour(h)
            add_deals(h, late)
        if message or language != "nb":
            stage_actions.configure_screen(
                h, {"message": message, "show_ticker": True, "language": language}
            )
    finally:
        h.close()


# --- what every state must satisfy ---------------------------------------------------------------

OVERFLOW_CHECK = """
() => {
  const bad = [];
  const vw = window.innerWidth, vh = window.innerHeight;
  for (const el of document.querySelectorAll('#board *')) {
    if (!el.textContent.trim() || el.closest('svg')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (getComputedStyle(el).display === 'inline') continue;  // its box is checked
    if (el.scrollWidth > el.clientWidth + 1)
      bad.push('wide: ' + el.className + ' ' + el.scrollWidth + '>' + el.clientWidth);
    if (r.right > vw + 1 || r.bottom > vh + 1 || r.left < -1 || r.top < -1)
      bad.push('outside: ' + el.className + ' ' + JSON.stringify(r));
  }
  // Sections must not overlap, and what is in the hero must stay inside it.
  const hero = document.querySelector('.hero').getBoundingClientRect();
  for (const el of document.querySelectorAll('.hero *')) {
    if (getComputedStyle(el).display === 'inline' || el.closest('svg')) continue;
    const r = el.getBoundingClientRect();
    if (r.height && (r.top < hero.top - 1 || r.bottom > hero.bottom + 1))
      bad.push('spills out of the hero: ' + el.className);
  }
  const sections = [...document.querySelectorAll('#board > *')].map(e => e.getBoundingClientRect());
  for (let i = 1; i < sections.length; i++)
    if (sections[i].top < sections[i - 1].bottom - 1) bad.push('sections overlap at ' + i);
  return bad;
}
"""


def check_layout(page) -> None:
    assert page.evaluate(OVERFLOW_CHECK) == []
    count = page.locator(".count")
    if count.count():
        height = page.viewport_size["height"]
        assert count.bounding_box()["height"] >= height / 5


def shoot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


STATES = {
    "before": dict(),
    "during": dict(opened=True, deals=23),
    "during-message": dict(opened=True, deals=47, message="5 minutter igjen! Siste sjanse"),
    "during-long-names": dict(opened=True, deals=12, long_names=True),
    "during-english": dict(opened=True, deals=61, language="en", record=None),
    "after-short-of-record": dict(opened=True, deals=84, closed=True, late=3),
    "after-record-broken": dict(opened=True, deals=101, closed=True),
}


@pytest.mark.slow
@pytest.mark.parametrize("state", list(STATES))
def test_screenshots_of_every_state_fit_the_projector(chromium, programs, tmp_path, state):
    build_evening(tmp_path / "hub", **STATES[state])
    hub = programs.hub(tmp_path / "hub")
    for label, (width, height) in VIEWPORTS.items():
        context = chromium.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            page.goto(f"{hub.url}/screen")
            page.wait_for_selector("#board")
            page.wait_for_timeout(1000)  # the clock ticks, the newest deal has faded in
            shoot(page, f"{state}-{label}")
            check_layout(page)
            expected_phase = state.split("-")[0]
            assert page.get_attribute("#board", "data-phase") == expected_phase
        finally:
            context.close()


@pytest.mark.slow
def test_the_celebration_shows_without_hiding_the_count(chromium, programs, tmp_path):
    build_evening(tmp_path / "hub", opened=True, deals=24, record=24)
    hub = programs.hub(tmp_path / "hub")
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    contexts = {
        label: chromium.new_context(viewport={"width": w, "height": h})
        for label, (w, h) in VIEWPORTS.items()
    }
    try:
        pages = {label: context.new_page() for label, context in contexts.items()}
        for page in pages.values():
            page.goto(f"{hub.url}/screen")
            page.wait_for_selector("#board")
        save_deal_on(kiosk)  # the 25th: a multiple of 25, and the record of 24 broken
        for label, page in pages.items():
            celebration = page.locator("#celebration")
            celebration.wait_for(state="visible", timeout=5000)
            assert "25" in celebration.inner_text()
            assert "rekord" in celebration.inner_text().lower()
            count_box = page.locator(".count").bounding_box()
            cheer_box = celebration.bounding_box()
            assert cheer_box["y"] >= count_box["y"] + count_box["height"] - 1  # below the count
            check_layout(page)
            page.wait_for_timeout(800)  # let the pop settle for the picture
            shoot(page, f"during-celebration-{label}")
    finally:
        for context in contexts.values():
            context.close()


def save_deal_on(kiosk) -> str:
    participants = wait_until(
        lambda: requests.get(f"{kiosk.url}/api/participants?q=a", timeout=2).json()["participants"]
    )
    a, b = participants[0]["id"], participants[-1]["id"]
    answer = requests.post(
        f"{kiosk.url}/api/deals",
        json=deal_payload(a, b),
        timeout=5,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def test_the_count_changes_within_a_second_of_a_deal_saved_on_a_kiosk(
    screen_page, programs, tmp_path
):
    build_evening(tmp_path / "hub", opened=True, deals=3)
    hub = programs.hub(tmp_path / "hub")
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    screen_page.goto(f"{hub.url}/screen")
    count = screen_page.locator("[data-testid=screen-count]")
    assert count.inner_text() == "3"
    screen_page.wait_for_function(
        "() => document.getElementById('stage').dataset.stream === 'open'"
    )
    latencies = []
    for expected in (4, 5, 6):
        started = time.monotonic()
        save_deal_on(kiosk)
        screen_page.wait_for_function(
            "n => document.querySelector('[data-testid=screen-count]').textContent.trim() === n",
            arg=str(expected),
            timeout=5000,
            polling=20,
        )
        latencies.append(time.monotonic() - started)
    print(
        f"\nkiosk save -> stage screen count: {', '.join(f'{s * 1000:.0f} ms' for s in latencies)}"
    )
    assert max(latencies) < 1.0


def test_the_screen_recovers_by_itself_after_the_hub_is_killed_and_restarted(
    screen_page, programs, tmp_path
):
    hub_dir = tmp_path / "hub"
    build_evening(hub_dir, opened=True, deals=7)
    hub = programs.hub(hub_dir)
    screen_page.goto(f"{hub.url}/screen")
    assert screen_page.locator("[data-testid=screen-count]").inner_text() == "7"

    hub.kill()  # SIGKILL
    connection = screen_page.locator("[data-testid=connection]")
    connection.wait_for(state="visible", timeout=8000)
    # The last board stays up while the hub is gone: never blank, never an error page.
    assert screen_page.locator("[data-testid=screen-count]").inner_text() == "7"
    shoot(screen_page, "reconnecting-1920x1080")

    h = Hub(hub_dir)  # meanwhile a deal reaches the hub's store (as after a sync)
    try:
        add_deals(h, 1)
    finally:
        h.close()
    programs.hub(hub_dir, port=hub.port)
    screen_page.wait_for_function(
        "() => document.querySelector('[data-testid=screen-count]').textContent.trim() === '8'",
        timeout=10_000,
    )
    connection.wait_for(state="hidden", timeout=5000)


def test_a_name_with_markup_shows_as_text_on_the_screen(screen_page, programs, tmp_path):
    hub_dir = tmp_path / "hub"
    build_evening(hub_dir, opened=True)
    h = Hub(hub_dir)
    try:
        markup = add_participant(h, MARKUP_NAME)
        stage_actions.configure_screen(
            h, {"message": "<b>5 minutter</b> igjen!", "show_ticker": True, "language": "nb"}
        )
        add_deals(h, 1, first_party=markup)
    finally:
        h.close()
    hub = programs.hub(hub_dir)
    dialogs = []
    screen_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    screen_page.goto(f"{hub.url}/screen")
    screen_page.wait_for_timeout(1200)  # a few polls: a swapped board must stay inert too
    ticker = screen_page.locator("[data-testid=ticker-line]").first
    assert MARKUP_NAME in ticker.inner_text()
    assert screen_page.locator("#board img, #board script, #board b").count() == 0
    assert (
        "<b>5 minutter</b> igjen!"
        in screen_page.locator("[data-testid=screen-message]").inner_text()
    )
    assert dialogs == []


def test_long_norwegian_names_do_not_overflow_any_element(chromium, programs, tmp_path):
    hub_dir = tmp_path / "hub"
    build_evening(hub_dir, opened=True, deals=6, long_names=True, message=LONG_EVENT)
    hub = programs.hub(hub_dir)
    for width, height in (*VIEWPORTS.values(), (3840, 2160)):
        context = chromium.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            page.goto(f"{hub.url}/screen")
            assert LONGEST_NAMES[0] in page.locator("[data-testid=ticker]").inner_text()
            assert page.locator("[data-testid=event-name]").inner_text() == LONG_EVENT
            shoot(page, f"long-names-and-message-{width}x{height}")
            check_layout(page)
        finally:
            context.close()


def test_the_gong_on_the_controls_page_changes_an_open_screen(chromium, programs, tmp_path):
    build_evening(tmp_path / "hub")
    hub = programs.hub(tmp_path / "hub")
    screen_context = chromium.new_context(viewport={"width": 1280, "height": 720})
    organiser_context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        screen = screen_context.new_page()
        screen.goto(f"{hub.url}/screen")
        assert screen.get_attribute("#board", "data-phase") == "before"

        organiser = organiser_context.new_page()
        login_page(organiser, hub.url)
        organiser.goto(f"{hub.url}/controls")
        organiser.click("[data-testid=gong-open]")
        screen.wait_for_function(
            "() => document.getElementById('board').dataset.phase === 'during'", timeout=3000
        )
        assert screen.get_attribute("#stage", "data-gongs") == "1"
        assert "on" in (screen.get_attribute("#flash", "class") or "")
        gong = screen.evaluate(
            "() => { const a = document.getElementById('gong');"
            " return {duration: a.duration, playing: !a.paused || a.currentTime > 0}; }"
        )
        assert gong["duration"] > 3 and gong["playing"], gong  # the local gong.wav, sounding
        screen.wait_for_timeout(300)
        shoot(screen, "gong-flash-1280x720")

        organiser.fill("#message", "5 minutter igjen!")
        organiser.click("[data-testid=screen-save]")
        screen.locator("[data-testid=screen-message]").wait_for(timeout=3000)
        assert screen.locator("[data-testid=screen-message]").inner_text() == "5 minutter igjen!"

        organiser.uncheck("input[name=show_ticker]")
        organiser.click("[data-testid=screen-save]")
        screen.locator("[data-testid=ticker]").wait_for(state="detached", timeout=3000)

        organiser.fill("#closes_at", "23:59")
        organiser.click("form[action$='/controls/closing'] button")
        screen.wait_for_function(
            "() => document.getElementById('board').dataset.closesAt.includes('T23:59')",
            timeout=3000,
        )

        organiser.click("[data-testid=gong-close]")
        organiser.click("[data-testid=confirm-yes]")  # the closing gong asks first
        screen.wait_for_function(
            "() => document.getElementById('board').dataset.phase === 'after'", timeout=3000
        )
        assert screen.get_attribute("#stage", "data-gongs") == "2"
        assert screen.locator("[data-testid=final-label]").is_visible()
    finally:
        screen_context.close()
        organiser_context.close()


def test_the_organisers_and_guests_pages_fit_a_laptop_and_a_phone(chromium, programs, tmp_path):
    build_evening(tmp_path / "hub", opened=True, deals=14, long_names=True)
    hub = programs.hub(tmp_path / "hub")
    for label, viewport in (("laptop", (1280, 800)), ("phone", (390, 844))):
        context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        try:
            page = context.new_page()
            page.goto(f"{hub.url}/count")
            assert page.locator("[data-testid=public-count]").inner_text() == "14"
            assert_no_sideways_scroll(page)
            shoot(page, f"public-count-{label}")
            login_page(page, hub.url)
            page.goto(f"{hub.url}/mc")  # the MC follows the evening on a phone
            assert page.locator("[data-testid=mc-count]").inner_text() == "14"
            assert_no_sideways_scroll(page)
            shoot(page, f"mc-{label}")
            if label == "laptop":  # the organiser's own pages are for the hub laptop
                for path, name in (("/controls", "controls"), ("/records", "records")):
                    page.goto(f"{hub.url}{path}")
                    assert_no_sideways_scroll(page)
                    shoot(page, f"{name}-{label}")
        finally:
            context.close()


def assert_no_sideways_scroll(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def hold_streams(hub_url: str, n: int) -> list:
    """Open ``n`` doorbell streams and wait until each one has been admitted."""
    held = []
    for _ in range(n):
        response = requests.get(f"{hub_url}/screen/events", stream=True, timeout=5)
        assert response.status_code == 200
        lines = response.iter_lines(decode_unicode=True)
        assert next(lines).startswith("retry:")
        held.append(response)
    return held


def test_only_a_few_screens_get_a_stream_and_the_rest_poll_within_a_second(
    screen_page, programs, tmp_path
):
    from hub.stage.screen import MAX_STREAMS

    build_evening(tmp_path / "hub", opened=True, deals=2)
    hub = programs.hub(tmp_path / "hub")
    kiosk = programs.kiosk(tmp_path / "kiosk", hub.url)
    held = hold_streams(hub.url, MAX_STREAMS)
    try:
        with requests.get(f"{hub.url}/screen/events", stream=True, timeout=5) as refused:
            assert refused.status_code == 503
        screen_page.goto(f"{hub.url}/screen")
        stage = screen_page.locator("#stage")
        screen_page.wait_for_function(
            "() => document.getElementById('stage').dataset.stream === 'closed'"
        )
        started = time.monotonic()
        save_deal_on(kiosk)
        screen_page.wait_for_function(
            "() => document.querySelector('[data-testid=screen-count]').textContent.trim() === '3'",
            timeout=5000,
            polling=20,
        )
        latency = time.monotonic() - started
        print(f"\nkiosk save -> screen count with polling only: {latency * 1000:.0f} ms")
        assert latency < 1.0
        assert stage.get_attribute("data-stream") == "closed"
    finally:
        for response in held:
            response.close()
