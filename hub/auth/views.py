"""The organiser's login, logout and first-start password page."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from hub.auth.access import data_dir, is_local, refuse
from hub.auth.password import MIN_PASSWORD, check_password, password_is_set, set_password
from shared.web import _
from shared.web.throttle import FailureWindow

auth = Blueprint("hub_auth", __name__, template_folder="templates")


def _throttle() -> FailureWindow:
    return current_app.extensions["login_throttle"]


def _safe_next(target: str | None) -> str:
    """Only a path on this hub: never ``//host`` or ``/\\host`` (browsers read both as a host)."""
    if target and target.startswith("/") and target[1:2] not in ("/", "\\"):
        return target
    return "/"


def _start_session() -> None:
    session.clear()
    now = time.time()
    session.update(organiser=True, login_at=now, seen_at=now)
    session.permanent = True


@auth.route("/login", methods=["GET", "POST"])
def login():
    if not password_is_set(data_dir()):
        return redirect(url_for("hub_auth.setup"))
    error = None
    status = 200
    if request.method == "POST":
        who = request.remote_addr or "?"
        if _throttle().blocked(who):
            error, status = _("auth.too_many_attempts"), 429
        elif check_password(data_dir(), request.form.get("password", "")):
            _start_session()
            return redirect(_safe_next(request.args.get("next")))
        else:
            _throttle().fail(who)
            error, status = _("auth.wrong_password"), 403
    return render_template("auth/login.html", error=error), status


@auth.post("/logout")
def logout():
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
