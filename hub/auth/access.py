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
``bors hub set-password``. Sessions live on the hub (:mod:`hub.auth.sessions`): the signed cookie
carries a session id, which logout ends; the login, ``/setup`` and organiser pages are sent
with ``Cache-Control: no-store``.
"""

from __future__ import annotations

import socket
from functools import wraps
from pathlib import Path

from flask import Flask, current_app, g, redirect, render_template, request, session, url_for

from hub.auth.password import password_is_set
from hub.auth.sessions import ABSOLUTE_LIMIT, OrganiserCookies, SessionStore
from shared.core.errors import CodedError
from shared.web import _, hosts
from shared.web.throttle import GuessLimit

LOGIN_ATTEMPTS = 10  # wrong passwords per LAN address per minute before the login pauses
ALL_REMOTE_LOGIN_ATTEMPTS = 30  # all LAN addresses together (a guest can change address)

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
    return hosts.is_own_address(request.remote_addr or "")


def host_is_trusted() -> bool:
    """The page was asked for by this machine's own name or address (DNS rebinding: see
    :mod:`shared.web.hosts`); ``attacker.local`` is not ours for ending in ``.local``."""
    return hosts.host_is_own()


def sessions() -> SessionStore:
    return current_app.extensions["organiser_sessions"]


def logged_in() -> bool:
    """A live session on the hub (a cookie copied before logout is no longer one)."""
    if not session.get("organiser"):
        return False
    g.session_ends = sessions().check(session.get("sid"))
    if g.session_ends is not None:
        return True
    session.pop("organiser", None)
    return False


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
    g.no_store = True  # organiser pages, exports and the login stay out of every cache
    if not host_is_trusted():
        return refuse("untrusted_host", 403)
    if not (is_local() or current_app.config.get("ALLOW_REMOTE_ADMIN")):
        return refuse("admin_local_only", 403)  # the login too: no guessing from the LAN
    if access != "organiser":
        return None
    if not password_is_set(data_dir()):
        if request.path.startswith("/api/"):
            raise CodedError("login_required", _("auth.login_required"), 401)
        return redirect(url_for("hub_auth.setup"))
    if not g.organiser:
        if request.path.startswith("/api/"):
            raise CodedError("login_required", _("auth.login_required"), 401)
        return redirect(url_for("hub_auth.login", next=request.full_path.rstrip("?")))
    return None


def no_store(response):
    if g.get("no_store"):
        response.headers["Cache-Control"] = "no-store"
    return response


def install(app: Flask, allow_remote_admin: bool = False) -> None:
    app.config["ALLOW_REMOTE_ADMIN"] = allow_remote_admin
    hub = app.extensions["hub"]
    short = socket.gethostname().split(".")[0] or "hub"
    app.config.setdefault("OWN_HOST_NAMES", (f"{short}-{str(hub.device_id)[:8]}.local",))
    app.extensions["login_throttle"] = GuessLimit(
        LOGIN_ATTEMPTS, ALL_REMOTE_LOGIN_ATTEMPTS, spare_local=True
    )
    app.extensions["organiser_sessions"] = SessionStore(hub.data_dir)
    app.session_interface = OrganiserCookies()
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", ABSOLUTE_LIMIT)
    app.before_request(guard)
    app.after_request(no_store)
    app.jinja_env.globals["organiser_logged_in"] = lambda: bool(g.get("organiser"))
