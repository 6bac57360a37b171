"""The hub online for the sign-up weeks, behind a reverse proxy that speaks HTTPS.

``bors hub --public-host bors.sagene.no`` (see ``deploy/caddy/``) turns on what being behind
that proxy needs, and nothing of it otherwise (at the venue the hub is reached directly):

* **trusted proxy headers** (werkzeug's ``ProxyFix``, one hop): the client's address comes from
  the ``X-Forwarded-For`` entry the proxy added, the scheme and host from ``X-Forwarded-Proto``
  and ``-Host``. Without it every visitor would seem to be the laptop itself (the proxy runs
  there), so the organiser pages' "from this machine only" rule and the sign-up's per-address
  limit would see one address for the whole internet. One hop only: an ``X-Forwarded-For``
  a visitor writes himself stands to the left of the proxy's and is never read.
* **secure cookies**: the session cookie (and with it the CSRF token and the login) travels
  only over HTTPS.
* **allowed host names**: requests for any other ``Host`` than the public name (or the
  machine's own loopback names, for an SSH tunnel and health checks) are refused with 400
  (``unknown_host``), and
  the public name counts as the hub's own, so the organiser pages answer on it (still only with
  ``--allow-remote-admin``, and always behind the login).
"""

from __future__ import annotations

import json

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.sansio.utils import host_is_trusted

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def settings(public_host: str) -> dict:
    """The app's configuration behind a proxy answering for ``public_host``."""
    host = public_host.strip().lower().rstrip(".")
    return {
        "PUBLIC_HOST": host,
        "SESSION_COOKIE_SECURE": True,
        "PREFERRED_URL_SCHEME": "https",
        "ALLOWED_HOSTS": (host, *LOOPBACK_NAMES),
    }


class OnlyAllowedHosts:
    """WSGI: a request for another ``Host`` is refused before Flask sees it (Flask's own
    ``TRUSTED_HOSTS`` would leave it no way to build the error page, and answer 500)."""

    def __init__(self, app, allowed: tuple[str, ...]) -> None:
        self.app, self.allowed = app, list(allowed)

    def __call__(self, environ, start_response):
        if host_is_trusted(environ.get("HTTP_HOST"), self.allowed):
            return self.app(environ, start_response)
        body = json.dumps({"error": "unknown_host", "message": "not a name of this hub"}).encode()
        start_response(
            "400 Bad Request",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return [body]


def install(app: Flask) -> None:
    """Trust one proxy's forwarded headers when the app was configured with a public host
    (after :func:`hub.auth.access.install`, whose own names this adds to)."""
    host = app.config.get("PUBLIC_HOST")
    if not host:
        return
    app.config["OWN_HOST_NAMES"] = (*app.config.get("OWN_HOST_NAMES", ()), host)
    checked = OnlyAllowedHosts(app.wsgi_app, app.config["ALLOWED_HOSTS"])
    app.wsgi_app = ProxyFix(checked, x_for=1, x_proto=1, x_host=1, x_port=1)
