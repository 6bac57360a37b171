"""The lock screen: the PIN that lets a broker back in."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, redirect, render_template, request, session

from kiosk.lock import check_pin, data_dir
from shared.web import _
from shared.web.throttle import FailureWindow

lock_pages = Blueprint(
    "kiosk_lock",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/kiosk-static",
)


def _wrong() -> FailureWindow:
    return current_app.extensions["wrong_pins"]


@lock_pages.get("/lock")
def lock():
    session.pop("active_at", None)
    return render_template("lock/lock.html", error=None)


@lock_pages.post("/lock")
def unlock():
    if _wrong().blocked():
        return render_template("lock/lock.html", error=_("lock.wait")), 429
    if not check_pin(data_dir(), request.form.get("pin", "")):
        _wrong().fail()
        return render_template("lock/lock.html", error=_("lock.wrong")), 403
    session["active_at"] = time.time()
    return redirect("/")
