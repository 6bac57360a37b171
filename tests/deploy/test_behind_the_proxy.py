"""The hub online for the sign-up weeks, behind an HTTPS proxy (``bors hub --public-host``,
deploy/caddy/Caddyfile): it believes the one proxy's forwarded headers and no visitor's, its
cookies travel only over HTTPS, it answers only to its public name, and the organiser pages stay
behind the laptop rule and the login. Then the same through a real Caddy, over real TLS."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
from pathlib import Path

import pytest

import hub as hub_web
from hub import online
from tests.catalogue.conftest import KORPS
from tests.support.auth import ensure_password
from tests.support.processes import Programs, free_port, wait_until

PUBLIC = "bors.example.no"
PROXY = {"REMOTE_ADDR": "127.0.0.1"}  # the proxy runs on the same machine as the hub
INTERNET = "203.0.113.7"  # a visitor somewhere (TEST-NET-3)
CADDYFILE = Path(__file__).resolve().parents[2] / "deploy" / "caddy" / "Caddyfile"


def through_proxy(client, path: str, host: str = PUBLIC, forwarded_for: str = INTERNET):
    return client.get(
        path,
        headers={
            "Host": host,
            "X-Forwarded-For": forwarded_for,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": host,
        },
        environ_base=PROXY,
    )


@pytest.fixture
def online_hub(sagene_hub):
    ensure_password(sagene_hub.data_dir)
    sagene_hub.register_participant(KORPS)
    return sagene_hub


def app_for(hub, **config):
    return hub_web.create_app(hub, {**online.settings(PUBLIC), **config})


def test_public_pages_answer_on_the_public_name_with_https_addresses(online_hub):
    client = app_for(online_hub).test_client()
    page = through_proxy(client, "/catalogue?q=korps")
    assert page.status_code == 200
    (link,) = re.findall(r'href="/catalogue/([0-9a-f-]{36})"', page.get_data(as_text=True))
    own = through_proxy(client, f"/catalogue/{link}").get_data(as_text=True)
    assert f"https://{PUBLIC}/catalogue/{link}" in own  # its QR code points to the public page


def test_the_session_cookie_is_sent_over_https_only(online_hub):
    client = app_for(online_hub).test_client()
    page = through_proxy(client, "/signup")
    cookies = [c for c in page.headers.getlist("Set-Cookie") if c.startswith("bors-hub-")]
    assert cookies and all("Secure" in c and "HttpOnly" in c for c in cookies)


@pytest.mark.parametrize("host", ["evil.example", "bors.example.no.evil.example", "10.0.0.5"])
def test_other_host_names_are_refused(online_hub, host):
    client = app_for(online_hub).test_client()
    assert through_proxy(client, "/catalogue", host=host).status_code == 400


def test_an_internet_visitor_gets_no_organiser_page(online_hub):
    client = app_for(online_hub).test_client()
    for path in ("/participants", "/settings/catalogue", "/print/catalogue.pdf"):
        refused = through_proxy(client, path)
        assert refused.status_code == 403, path  # not from the laptop: the proxy told us


def test_with_remote_admin_the_organiser_pages_want_the_login(online_hub):
    client = app_for(online_hub, ALLOW_REMOTE_ADMIN=True).test_client()
    answer = through_proxy(client, "/participants")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert answer.headers["Location"].startswith(("/login", f"https://{PUBLIC}/login"))


def test_a_visitor_cannot_pass_for_the_laptop_by_writing_the_header(online_hub):
    client = app_for(online_hub).test_client()
    # The visitor wrote "127.0.0.1"; the proxy appended the address it saw: one hop is read.
    forged = through_proxy(client, "/participants", forwarded_for=f"127.0.0.1, {INTERNET}")
    assert forged.status_code == 403


def test_at_the_venue_no_forwarded_header_is_believed(online_hub):
    venue = hub_web.create_app(online_hub).test_client()  # no --public-host
    answer = venue.get("/participants", headers={"X-Forwarded-For": INTERNET}, environ_base=PROXY)
    assert answer.status_code == 302  # the laptop itself, asked for the login


# --- through a real Caddy ------------------------------------------------------------------------


class Caddy:
    def __init__(self, base: Path, hub_url: str, host: str) -> None:
        self.host, self.port, self.base = host, free_port(), base
        base.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "HOME": str(base),
            "XDG_DATA_HOME": str(base / "data"),
            "XDG_CONFIG_HOME": str(base / "config"),
            "BORS_PUBLIC_HOST": host,
            "BORS_TLS": "internal",
            "BORS_HUB": hub_url.removeprefix("http://"),
            "BORS_CADDY_ADMIN": f"127.0.0.1:{free_port()}",
            "BORS_HTTP_PORT": str(free_port()),
            "BORS_HTTPS_PORT": str(self.port),
        }
        self.log = open(base / "caddy.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            ["caddy", "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.root = base / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
        wait_until(lambda: self.get("/api/stats")[0] == 200, timeout=20)

    def get(self, path: str) -> tuple[int, dict, str]:
        """GET over TLS, checked against Caddy's own root, with the public name as SNI."""
        context = ssl.create_default_context(cafile=str(self.root))
        conn = http.client.HTTPSConnection(self.host, self.port, context=context, timeout=5)
        raw = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        conn.sock = context.wrap_socket(raw, server_hostname=self.host)
        try:
            conn.request("GET", path, headers={"Host": f"{self.host}:{self.port}"})
            answer = conn.getresponse()
            return answer.status, dict(answer.getheaders()), answer.read().decode()
        finally:
            conn.close()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.log.close()


@pytest.mark.skipif(shutil.which("caddy") is None, reason="Caddy is not installed (Debian: caddy)")
def test_through_caddy_over_https(tmp_path, online_hub):
    online_hub.close()
    programs = Programs(tmp_path)
    caddy = None
    try:
        hub = programs.hub(online_hub.data_dir, extra=("--public-host", "bors.test"))
        caddy = Caddy(tmp_path / "caddy", hub.url, "bors.test")
        status, headers, body = caddy.get("/catalogue?q=korps")
        assert status == 200 and "Årstad Skolekorps" in body
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        (link,) = re.findall(r'href="/catalogue/([0-9a-f-]{36})"', body)
        status, headers, body = caddy.get(f"/catalogue/{link}")
        assert f"https://bors.test:{caddy.port}/catalogue/{link}" in body
        assert "Secure" in headers["Set-Cookie"]
        assert caddy.get("/api/sync/push")[0] == 404  # tablets never sync over the internet
        status, headers, _ = caddy.get("/participants")
        assert status == 302 and "/login" in headers["Location"]  # the login, always
    finally:
        if caddy is not None:
            caddy.stop()
        programs.stop_all()
