"""Cross-site request forgery protection and the signed session both web apps share.

Every state-changing request must carry the session's token, whatever its content type: in a
hidden ``csrf_token`` field (plain forms) or in the ``X-CSRF-Token`` header (htmx:
``hx-headers`` on ``<body>`` sends it with every htmx request, so no inline script is needed;
API clients in a session send it too). A form route does not become open by being sent
``application/json`` (issue 11: revoking a device that way needed no token).

Two kinds of request need no token, since no session stands behind them to be ridden on:

* a **device request** (the blueprints marked with :func:`device_requests`: sync, which is
  sealed per device, and pairing, proven by the one-time code);
* a JSON call to ``/api/`` that carries **no session cookie at all** (a script on the tablet,
  a test): a foreign page cannot send ``application/json`` without a CORS preflight, which
  these apps never grant, and without a cookie it has no session to act in.

A request whose ``Origin`` names another site is refused whatever it carries.
"""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path

from flask import Flask, current_app, request, session
from markupsafe import Markup

from shared.core.errors import CodedError
from shared.core.files import write_private

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


class CsrfRefused(CodedError):
    """A forgeable request without the session's token (or from another site)."""

    status = 403


def load_or_create_secret(data_dir: Path, name: str = "web-secret") -> bytes:
    """A random key kept in the data folder, readable by its owner only."""
    path = data_dir / name
    if path.exists():
        return path.read_bytes()
    key = secrets.token_bytes(32)
    write_private(path, key)
    return key


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def _same_origin(origin: str) -> bool:
    return origin in (f"http://{request.host}", f"https://{request.host}")


def csrf_exempt(view):
    """A public form posted from outside any session (a mail client's one-click unsubscribe,
    RFC 8058): what it may do must be proven by the URL itself, not by a session's token."""
    view.csrf_exempt = True
    return view


def device_requests(blueprint):
    """Mark a blueprint whose requests are authenticated per device, not by a session."""
    blueprint.device_requests = True
    return blueprint


def _needs_no_token() -> bool:
    blueprint = current_app.blueprints.get(request.blueprint or "")
    if getattr(blueprint, "device_requests", False):
        return True
    if getattr(current_app.view_functions.get(request.endpoint or ""), "csrf_exempt", False):
        return True
    return (
        request.mimetype == "application/json"
        and request.path.startswith("/api/")
        and current_app.config["SESSION_COOKIE_NAME"] not in request.cookies
    )


def check() -> None:
    if request.method in SAFE_METHODS:
        return
    origin = request.headers.get("Origin")
    if origin and origin != "null" and not _same_origin(origin):
        raise CsrfRefused("cross_origin", "the request came from another site")
    if _needs_no_token():
        return
    expected = session.get("csrf")
    sent = request.headers.get(HEADER) or request.form.get(FIELD)
    if not expected or not sent or not hmac.compare_digest(str(sent), str(expected)):
        raise CsrfRefused("csrf_failed", "the form's security token is missing or old")


def install(app: Flask, secret: bytes, cookie_name: str = "session") -> None:
    app.secret_key = secret
    app.config["SESSION_COOKIE_NAME"] = cookie_name
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.before_request(check)
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["csrf"] = hidden_field


def hidden_field() -> Markup:
    """``{{ csrf() }}`` in a form: the hidden field that carries the token."""
    return Markup('<input type="hidden" name="%s" value="%s">') % (FIELD, csrf_token())
