"""The sign-up room's fixtures: a hub whose sign-up is open, and a visitor's browser on it.

A :class:`Visitor` is a Flask test client that is not logged in: it reads the form as a person
would (the CSRF token, the signed time it was shown, the consent's digest all come from the
page) and posts it back with what the test types.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

import hub as hub_web
from hub.participants import register
from hub.service import Hub

RETENTION = dt.date.today() + dt.timedelta(days=200)
SETTINGS = {
    "mode": "open",
    "deadline": "",
    "cap": "",
    "retention": RETENTION.isoformat(),
    "organiser": "Bydel Sagene",
    "contact": "personvern@bydel-sagene.example",
    "purpose": "",
}

# What a person types into a valid sign-up (the form's own field names).
TYPED = {
    "name": "Sagene IF",
    "orgnr": "974 760 673",
    "sector": "voluntary",
    "contact_person": "Kari Nordmann",
    "email": "kari@sagene-if.example",
    "phone": "+47 912 34 567",
    "need_category_0": "premises",
    "need_text_0": "Et rom til trening på tirsdager",
    "offer_category_0": "volunteering",
    "offer_text_0": "Dugnadshjelp til arrangementer",
    "show_public": "on",
    "consent": "on",
}

_HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    return dict(_HIDDEN.findall(html))


def field_errors(html: str) -> dict[str, str]:
    """The error shown beside each field: its id (``err-email``) → the message."""
    return dict(re.findall(r'<p class="field-error" id="err-([^"]+)">([^<]*)</p>', html))


def png(width: int = 120, height: int = 80, colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


class Visitor:
    """Someone on the public sign-up, as a browser without JavaScript."""

    def __init__(self, client):
        self.client = client
        self.shown = ""

    def open(self, path: str = "/signup"):
        answer = self.client.get(path)
        self.shown = answer.get_data(as_text=True)
        return answer

    def submit(self, typed: dict, path: str = "/signup", files: dict | None = None):
        """Post the form last shown, with ``typed`` as what was typed into it."""
        data = {**hidden_fields(self.shown), **typed}
        for name, content in (files or {}).items():
            data[name] = FileStorage(io.BytesIO(content), f"{name}.png", content_type="image/png")
        # Encoded in memory: the test client would spool a large body to a file it never closes
        boundary, body = encode_multipart(MultiDict(data))
        answer = self.client.post(
            path, data=body, content_type=f"multipart/form-data; boundary={boundary}"
        )
        self.shown = answer.get_data(as_text=True)
        return answer


@pytest.fixture
def open_hub(hub: Hub) -> Hub:
    """An empty hub whose organiser opened the sign-up, retention in 200 days."""
    register.configure_signup(hub, SETTINGS)
    return hub


@pytest.fixture
def signup_app(open_hub: Hub):
    """The hub's web app with no minimum fill time (the spam tests set their own)."""
    return hub_web.create_app(open_hub, {"SIGNUP_MIN_SECONDS": 0})


@pytest.fixture
def visitor(signup_app) -> Visitor:
    return Visitor(signup_app.test_client())


def signed_up(hub: Hub, visitor: Visitor, typed: dict | None = None) -> tuple[str, str]:
    """Sign up through the form; returns (participant id, the personal link's token)."""
    visitor.open()
    answer = visitor.submit({**TYPED, **(typed or {})})
    assert answer.status_code == 303, field_errors(visitor.shown)
    token = answer.headers["Location"].split("/signup/me/")[1].split("/")[0]
    return register.links(hub).read(token), token
