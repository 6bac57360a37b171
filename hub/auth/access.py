"""Who may open which hub page: the organiser logs in; the stage screen and sync are open.

Roles (promise 6):

* **organiser** — every hub page not marked otherwise: deal list, participants, settings,
  exports, devices, pairing, ``/api/deals`` (with contact details). Needs a login, and by
  default only from the hub laptop itself (loopback); ``bors hub --allow-remote-admin`` opens
  them to other machines on the LAN (still behind the login).
* **screen** / **public** — the live screen (``/screen``), ``/api/stats``, static files, the
  login page: no login.
* **device** — ``/api/sync/*`` and ``/api/pair``: authenticated per device by
  :mod:`hub.sync_api` and :mod:`hub.pairing`, not by a session.
* **broker** — the kiosk's pages, on the tablet (see :mod:`kiosk.lock`).

Access is *deny by default*: a new view is organiser-only unless it is marked ``@public`` or
lives in a blueprint listed in :data:`PUBLIC_BLUEPRINTS`. ``@organiser_only`` says the default
out loud (and wins over a public blueprint, e.g. organiser controls for the screen).

The password is hashed with argon2id (argon2-cffi) in ``organiser-password`` in the data folder;
it is set on first start on ``/setup`` (:mod:`hub.auth.views`) (from the laptop itself only) or with
``bors hub set-password``. Sessions are Flask's signed cookies with a key kept in the data folder;
they end after :data:`IDLE_LIMIT` without a request or :data:`ABSOLUTE_LIMIT` after login.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from functools import wraps
from pathlib import Path

from flask import Flask, current_app, g, redirect, render_template, request, session, url_for

from hub.auth.password import password_is_set
from shared.core.errors import CodedError
from shared.sync.discovery import local_addresses
from shared.web import _
from shared.web.throttle import FailureWindow

IDLE_LIMIT = 2 * 3600
ABSOLUTE_LIMIT = 12 * 3600
LOGIN_ATTEMPTS = 10  # wrong passwords per address per minute before the login pauses

PUBLIC_BLUEPRINTS = {"screen", "common", "hub_auth", "hub_sync", "hub_pair_api"}
HOST_CHECKED = {"hub_auth.login", "hub_auth.setup", "hub_auth.logout"}
PUBLIC_ENDPOINTS = {"stage.static", "openapi_document", "static", "hub_signup.static"}


# --- marking views -------------------------------------------------------------------------------


def public(view):
    """Open this view to everyone (screen, public pages): no login, any address."""
    view.access = "public"
    return view


def organiser_only(view):
    """Organiser pages (the default; says so explicitly, and overrides a public blueprint)."""
    view.access = "organiser"

    @wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    wrapper.access = "organiser"
    return wrapper


def access_of(endpoint: str | None) -> str:
    if endpoint is None:
        return "public"  # no such page: let the 404 answer
    view = current_app.view_functions.get(endpoint)
    marked = getattr(view, "access", None)
    if marked:
        return marked
    blueprint = endpoint.rsplit(".", 1)[0] if "." in endpoint else ""
    if endpoint in PUBLIC_ENDPOINTS or blueprint in PUBLIC_BLUEPRINTS:
        return "public"
    return "organiser"


# --- requests ------------------------------------------------------------------------------------


def is_local() -> bool:
    """Whether the request comes from the hub laptop itself (loopback or one of its addresses)."""
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    return address.is_loopback or str(address) in _own_addresses()


_own: tuple[float, frozenset[str]] = (0.0, frozenset())


def _own_addresses() -> frozenset[str]:
    """This machine's addresses, refreshed every few seconds (a laptop changes networks)."""
    global _own
    if time.monotonic() - _own[0] > 5.0:
        _own = (time.monotonic(), frozenset(local_addresses()))
    return _own[1]


def host_is_trusted() -> bool:
    """The page was asked for by an address, not by a foreign site's name.

    DNS rebinding: a web page can point its own name at 127.0.0.1 and then read what the
    laptop's browser fetches "from itself". The login and the organiser pages therefore answer
    only to an IP address, ``localhost`` or this machine's own (``.local``) names.
    """
    host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    host = host.strip("[]").lower().rstrip(".")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        own = socket.gethostname().lower()
        return host in ("localhost", own, f"{own.split('.')[0]}.local") or host.endswith(".local")
    return True


def logged_in() -> bool:
    now = time.time()
    login_at, seen_at = session.get("login_at"), session.get("seen_at")
    if not session.get("organiser") or login_at is None or seen_at is None:
        return False
    if now - login_at > ABSOLUTE_LIMIT or now - seen_at > IDLE_LIMIT:
        session.pop("organiser", None)
        return False
    return True


def data_dir() -> Path:
    return current_app.extensions["hub"].data_dir


def refuse(code: str, status: int):
    if request.path.startswith("/api/"):
        raise CodedError(code, _(f"auth.{code}"), status)
    return render_template("hub/auth_refused.html", message=_(f"auth.{code}")), status


def guard():
    """Before every hub request: organiser pages need the laptop (or the switch) and a login."""
    g.organiser = logged_in()
    access = access_of(request.endpoint)
    if access != "organiser" and request.endpoint not in HOST_CHECKED:
        return None
    if not host_is_trusted():
        return refuse("untrusted_host", 403)
    if access != "organiser":
        return None
    if not (is_local() or current_app.config.get("ALLOW_REMOTE_ADMIN")):
        return refuse("admin_local_only", 403)
    if not password_is_set(data_dir()):
        if request.path.startswith("/api/"):
            raise CodedError("login_required", _("auth.login_required"), 401)
        return redirect(url_for("hub_auth.setup"))
    if not g.organiser:
        if request.path.startswith("/api/"):
            raise CodedError("login_required", _("auth.login_required"), 401)
        return redirect(url_for("hub_auth.login", next=request.full_path.rstrip("?")))
    session["seen_at"] = time.time()
    return None


def install(app: Flask, allow_remote_admin: bool = False) -> None:
    app.config["ALLOW_REMOTE_ADMIN"] = allow_remote_admin
    app.extensions["login_throttle"] = FailureWindow(LOGIN_ATTEMPTS)
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", ABSOLUTE_LIMIT)
    app.before_request(guard)
    app.jinja_env.globals["organiser_logged_in"] = lambda: bool(g.get("organiser"))
