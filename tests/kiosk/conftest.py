"""The broker's tablet as its browser sees it: a kiosk on Sagene's evening, and a client on its
pages that sends the session's CSRF token as htmx does."""

from __future__ import annotations

import re

import pytest

import kiosk as kiosk_web
from kiosk.service import Kiosk


def page_token(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


@pytest.fixture
def tablet(kiosk: Kiosk):
    """A browser on the kiosk's pages, with the CSRF token htmx sends."""
    client = kiosk_web.create_app(kiosk).test_client()
    client.environ_base["HTTP_X_CSRF_TOKEN"] = page_token(client)
    return client


HTMX = {"HX-Request": "true"}


def ids(kiosk: Kiosk) -> dict[str, str]:
    return {p.name: p.id for p in kiosk.evening.participants.values()}


def deal_form(kiosk: Kiosk, **changes) -> dict:
    """The deal form as a broker fills it: Sagene IF and Bydel Sagene, premises, mutual."""
    people = ids(kiosk)
    data = {
        "party_count": "2",
        "p0_mode": "chosen",
        "p0_id": people["Sagene IF"],
        "p0_gives": "Lokale",
        "p1_mode": "chosen",
        "p1_id": people["Bydel Sagene"],
        "p1_gives": "Kurs",
        "category": "premises",
        "kind": "mutual",
        "deadline": "01.03.2027",
        "broker": "Kari",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def form_fields(html: str) -> dict[str, str]:
    """The hidden fields of the form a page holds (its form_key, saved_after)."""
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
