"""Issue 11, item 18: ``next=`` after the login leads to a page of this hub only. Browsers drop
tabs and line breaks from URLs, so ``/%09/evil.example`` meant ``//evil.example``; a line break
in the Location header gave a 500."""

from __future__ import annotations

import pytest

from tests.security.conftest import page_token
from tests.support.auth import TEST_PASSWORD

FOREIGN = [
    "/%09/evil.example",
    "/%0A/x",
    "/%0D%0ASet-Cookie:x=1",
    "/%5C/evil.example",
    "/%09%5C/evil.example",
    "//evil.example",
    "/ /evil.example",
    "https:evil.example",
    "/%00/evil.example",
    "%2F%2Fevil.example",
]


@pytest.mark.parametrize("target", FOREIGN)
def test_a_crafted_next_leads_home(hub_app, target):
    client = hub_app.test_client()
    token = page_token(client, "/login")
    answer = client.post(
        f"/login?next={target}", data={"password": TEST_PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 302, answer.status_code
    assert answer.headers["Location"] == "/"


def test_a_page_of_this_hub_is_kept(hub_app):
    client = hub_app.test_client()
    token = page_token(client, "/login")
    answer = client.post(
        "/login?next=/participants%3Fq%3Dsagene",
        data={"password": TEST_PASSWORD, "csrf_token": token},
    )
    assert answer.headers["Location"] == "/participants?q=sagene"
