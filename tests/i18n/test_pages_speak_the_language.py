"""The pages speak the person's language: bokmål by default, English on ``?lang=en`` (kept
in a cookie), counts with the right plural, dates and numbers as their readers write them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kiosk as kiosk_app
from bors.demo import seed
from hub import create_app
from hub.service import Hub
from kiosk.service import Kiosk
from tests.support.auth import login_test_client
from tests.support.deals import deal_payload


@pytest.fixture
def hub(tmp_path: Path):
    seed(tmp_path / "hub")
    h = Hub(tmp_path / "hub")
    yield h
    h.close()


@pytest.fixture
def organiser(hub):
    return login_test_client(create_app(hub, {"TESTING": True}).test_client(), hub.data_dir)


def register_deals(hub: Hub, n: int) -> None:
    ids = sorted(hub.evening.participants)
    for i in range(n):
        hub.register_deal(deal_payload(ids[2 * i], ids[2 * i + 1]))


def phase_line(page: str) -> str:
    found = re.search(r'data-testid="controls-phase">(.*?)</p>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


@pytest.mark.parametrize(
    ("deals", "nb", "en"), [(1, "· 1 avtale ·", "· 1 deal ·"), (2, "· 2 avtaler ·", "· 2 deals ·")]
)
def test_the_stage_controls_count_deals_in_the_singular_and_the_plural(
    hub, organiser, deals, nb, en
):
    register_deals(hub, deals)
    assert nb in phase_line(organiser.get("/controls").get_data(as_text=True))
    assert en in phase_line(organiser.get("/controls?lang=en").get_data(as_text=True))


def test_the_deal_list_shows_dates_as_norwegians_write_them(hub, organiser):
    register_deals(hub, 1)  # deadline 2027-03-01
    page = organiser.get("/").get_data(as_text=True)
    assert "01.03.2027" in page and "2027-03-01" not in page
    assert "Viser 1 av 1 registrert avtale" in page
    english = organiser.get("/?lang=en").get_data(as_text=True)
    assert "01/03/2027" in english and "Showing 1 of 1 deal" in english


def test_the_screen_counts_participants_and_deals_with_the_right_plural(hub):
    screen = create_app(hub, {"TESTING": True}).test_client()
    board = screen.get("/screen").get_data(as_text=True)
    assert f"{len(hub.evening.participants)} deltakere" in board
    assert re.search(r'data-testid="screen-count">0</span> avtaler<', board)


@pytest.fixture
def kiosk(tmp_path: Path):
    k = Kiosk(tmp_path / "kiosk")
    yield k
    k.close()


def test_the_kiosk_page_names_its_language_so_the_tablet_shows_dates_in_it(kiosk):
    client = kiosk_app.create_app(kiosk).test_client()
    assert '<html lang="nb">' in client.get("/").get_data(as_text=True)
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.get_data(as_text=True)
    assert "Register a deal" in english.get_data(as_text=True)
    # the cookie keeps the choice for the next page
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "template", "shown"),
    [
        ("nb", "{{ 12345 | number }}", "12\xa0345"),
        ("en", "{{ 12345 | number }}", "12,345"),
        ("nb", "{{ '2027-02-26' | date }}", "26.02.2027"),
        ("nb", "{{ '2027-02-26' | date('long') }}", "26. februar 2027"),
        ("en", "{{ '2027-02-26' | date }}", "26/02/2027"),
        ("nb", "{{ 'not a date' | date }}", "not a date"),
        ("nb", "{{ ngettext('screen.deals', 'screen.deals', 1) }}", "avtale"),
        ("en", "{{ _('screen.target', n='<b>') }}", "Target: &lt;b&gt;"),
    ],
)
def test_templates_format_in_the_request_language(kiosk, lang, template, shown):
    app = kiosk_app.create_app(kiosk)
    with app.test_request_context(f"/?lang={lang}"):
        app.preprocess_request()
        assert app.jinja_env.from_string(template).render() == shown
