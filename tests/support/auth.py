"""Logging in as the organiser in tests: a requests.Session, a Playwright page, a Flask client.

Every hub a test starts through :class:`tests.support.processes.Programs` gets
:data:`TEST_PASSWORD` (set before it starts), so ``login_session(hub.url)`` is all a test needs
before it opens organiser pages such as ``/``, ``/export.xlsx`` or ``/api/deals``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import requests

TEST_PASSWORD = "organiser-test-password"

_CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def ensure_password(hub_data: Path, password: str = TEST_PASSWORD) -> None:
    """Give a hub data folder the test password, unless it has one already."""
    from hub.auth.password import password_is_set, set_password

    if not password_is_set(hub_data):
        set_password(hub_data, password)


def csrf_token_in(html: str) -> str:
    match = _CSRF_META.search(html)
    if match is None:
        raise AssertionError("no CSRF token on the page")
    return match.group(1)


def login_session(
    hub_url: str, password: str = TEST_PASSWORD, session: requests.Session | None = None
) -> requests.Session:
    """A requests.Session logged in as the organiser (through the real login form)."""
    session = session or requests.Session()
    page = session.get(f"{hub_url}/login", timeout=5)
    token = csrf_token_in(page.text)
    answer = session.post(
        f"{hub_url}/login",
        data={"password": password, "csrf_token": token},
        timeout=10,
        allow_redirects=False,
    )
    if answer.status_code != 302:
        raise AssertionError(f"login failed: {answer.status_code}")
    # A login starts a new session with a new token: htmx-style requests send it as a header.
    session.headers["X-CSRF-Token"] = csrf_token_in(session.get(f"{hub_url}/login", timeout=5).text)
    return session


def login_page(page, hub_url: str, password: str = TEST_PASSWORD) -> None:
    """Log a Playwright page in as the organiser (it keeps the session cookie)."""
    page.goto(f"{hub_url}/login")
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def login_test_client(client, hub_data: Path, password: str = TEST_PASSWORD):
    """Log a Flask test client of the hub app in as the organiser, through the login form."""
    ensure_password(hub_data, password)
    page = client.get("/login")
    token = csrf_token_in(page.get_data(as_text=True))
    answer = client.post("/login", data={"password": password, "csrf_token": token})
    assert answer.status_code == 302, answer.status_code
    token = csrf_token_in(client.get("/login").get_data(as_text=True))
    client.environ_base["HTTP_X_CSRF_TOKEN"] = token
    return client


def wait_logged_out(session: requests.Session, hub_url: str, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if session.get(f"{hub_url}/api/deals", timeout=2).status_code == 401:
            return True
        time.sleep(0.1)
    return False
