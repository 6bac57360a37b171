"""The catalogue on a tablet, from its mirror of the hub's log: the same search and pages as
the hub's public ones, still there with the hub gone, and up to date after the next pull."""

from __future__ import annotations

import pytest

import kiosk as kiosk_web
from kiosk.service import Kiosk
from tests.catalogue.conftest import CONTACTS, KORPS, Bors
from tests.catalogue.test_search import CASES, found
from tests.support.sync import pull


@pytest.fixture(scope="module")
def tablet(tmp_path_factory):
    """A kiosk that pulled a børs from its hub, and then lost the hub (it was shut down)."""
    from hub.service import Hub

    base = tmp_path_factory.mktemp("tablet")
    hub = Hub(base / "hub")
    bors = Bors(hub)
    kiosk = Kiosk(base / "kiosk")
    pull(kiosk, hub)
    kiosk.mark("online", "http://hub.example:8000")  # what the sync worker says after a pull
    kiosk.mark("offline")
    hub.close()  # from here on the tablet is on its own
    yield kiosk, bors
    kiosk.close()


@pytest.fixture
def broker(tablet):
    return kiosk_web.create_app(tablet[0]).test_client()


@pytest.mark.parametrize(("typed", "category", "sector", "expected"), CASES)
def test_the_tablet_finds_what_the_hub_finds(tablet, typed, category, sector, expected):
    kiosk, _ = tablet
    assert found(kiosk.evening.catalogue.search(typed, category, sector)) == expected


def test_the_pages_work_offline_and_show_no_contact_details(broker, tablet):
    bors = tablet[1]
    listing = broker.get("/catalogue?q=rode+kors")
    assert listing.status_code == 200
    assert "Røde Kors Sagene" in listing.get_data(as_text=True)
    page = broker.get(f"/catalogue/{bors.korps}").get_data(as_text=True)
    assert "Øvingslokale for korpset på tirsdager" in page
    assert 'data-testid="catalogue-reason"' in page  # the suggestions came along too
    for text in (listing.get_data(as_text=True), page):
        for trace in CONTACTS.values():
            assert trace not in text
    assert broker.get(f"/catalogue/{bors.hidden}").status_code == 404
    assert broker.get(f"/catalogue/{bors.withdrawn}").status_code == 404


def test_the_kiosk_nav_leads_to_the_catalogue(broker):
    home = broker.get("/").get_data(as_text=True)
    assert 'href="/catalogue"' in home and 'data-testid="nav-catalogue"' in home
    page = broker.get("/catalogue").get_data(as_text=True)
    assert 'data-testid="catalogue-copy"' in page  # says how old the copy is
    with broker.get("/catalogue/static/catalogue.css") as css:
        assert css.status_code == 200 and b".catalogue" in css.data


def test_a_new_sign_up_reaches_the_tablet_with_the_next_pull(hub, tmp_path):
    kiosk = Kiosk(tmp_path / "kiosk")
    try:
        pull(kiosk, hub)
        assert kiosk.evening.catalogue.search("korps") == []
        hub.register_participant(KORPS)
        pull(kiosk, hub)
        assert [h.participant.name for h in kiosk.evening.catalogue.search("korps")] == [
            "Årstad Skolekorps"
        ]
    finally:
        kiosk.close()


def test_the_evenings_own_categories_reach_the_tablet(hub, tmp_path):
    hub.record("define_category", {"code": "premises", "name_nb": "Lokaler", "name_en": "Rooms"})
    hub.record("define_category", {"code": "mat", "name_nb": "Mat og drikke", "name_en": "Food"})
    hub.register_participant(KORPS)
    kiosk = Kiosk(tmp_path / "kiosk")
    try:
        pull(kiosk, hub)
        page = kiosk_web.create_app(kiosk).test_client().get("/catalogue?lang=en")
        text = page.get_data(as_text=True)
        assert '<option value="mat" >Food</option>' in text
        assert '<span class="cat">Rooms</span>' in text  # the korps's need, renamed
    finally:
        kiosk.close()
