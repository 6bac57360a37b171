"""The organiser's login, logout and first-start password page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from hub.auth.access import data_dir, is_local, refuse, sessions
from hub.auth.password import MIN_PASSWORD, check_password, password_is_set, set_password
from shared.web import _
from shared.web.throttle import GuessLimit

auth = Blueprint("hub_auth", __name__, template_folder="templates")


def _throttle() -> GuessLimit:
    return current_app.extensions["login_throttle"]


def _safe_next(target: str | None) -> str:
    """Only a path on this hub. Browsers drop tabs and line breaks and read ``\\`` as ``/``
    in a URL, so ``/\\t/evil.example`` means ``//evil.example``: a target with any of these,
    with a scheme or a host, or that does not start with a single ``/`` leads home instead."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    if any(ch <= " " or ch in "\\\x7f" for ch in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def _start_session() -> None:
    """A new session for the organiser: a new id (the old one, if any, ends) and CSRF token."""
    sessions().end(session.get("sid"))
    session.clear()
    session.update(organiser=True, sid=sessions().start())
    session.permanent = True


def _try_password() -> bool | None:
    """True for the right password, False for a wrong one, None when guessing is paused."""
    who, local = request.remote_addr or "?", is_local()
    if not _throttle().attempt(who, local):  # counted before the slow check
        return None
    if check_password(data_dir(), request.form.get("password", "")):
        _throttle().forgive(who, local)
        return True
    return False


@auth.route("/login", methods=["GET", "POST"])
def login():
    if not password_is_set(data_dir()):
        return redirect(url_for("hub_auth.setup"))
    error = None
    status = 200
    if request.method == "POST":
        right = _try_password()
        if right:
            _start_session()
            return redirect(_safe_next(request.args.get("next")))
        if right is None:
            error, status = _("auth.too_many_attempts"), 429
        else:
            error, status = _("auth.wrong_password"), 403
    return render_template("auth/login.html", error=error), status


@auth.post("/logout")
def logout():
    sessions().end(session.get("sid"))
    session.clear()
    return redirect(url_for("hub_auth.login"))


@auth.route("/setup", methods=["GET", "POST"])
def setup():
    """Choose the organiser's password on first start: only on the laptop, only once."""
    if not is_local():
        return refuse("admin_local_only", 403)
    if password_is_set(data_dir()):
        return redirect(url_for("hub_auth.login"))
    error = None
    if request.method == "POST":
        password = request.form.get("password", "")
        if password != request.form.get("repeat", ""):
            error = _("auth.passwords_differ")
        else:
            try:
                set_password(data_dir(), password)
            except ValueError:
                error = _("auth.password_too_short", n=MIN_PASSWORD)
            else:
                _start_session()
                return redirect("/")
    return render_template("auth/setup.html", error=error), 422 if error else 200
