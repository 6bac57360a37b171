"""The broker's tablet as its browser sees it: a kiosk on Sagene's evening, and a client on its
pages that sends the session's CSRF token as htmx does."""

from __future__ import annotations

import re

import pytest

import kiosk as kiosk_web
from kiosk.service import Kiosk
from tests.support.deals import deal_form, ids  # noqa: F401 - the room's tests import them here


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


def form_fields(html: str) -> dict[str, str]:
    """The hidden fields of the form a page holds (its form_key, saved_after)."""
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
