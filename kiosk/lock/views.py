"""The lock screen: the PIN that lets a broker back in."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, redirect, render_template, request, session

from kiosk.lock import check_pin, data_dir, has_pin
from shared.web import _, hosts
from shared.web.throttle import GuessLimit

lock_pages = Blueprint(
    "kiosk_lock",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/kiosk-static",
)


def _wrong() -> GuessLimit:
    return current_app.extensions["wrong_pins"]


@lock_pages.get("/lock")
def lock():
    if not has_pin(data_dir()):
        # Nothing to unlock with: say so, rather than ask for a PIN nobody ever chose.
        return render_template("lock/no_pin.html")
    session.pop("active_at", None)
    return render_template("lock/lock.html", error=None)


@lock_pages.post("/lock")
def unlock():
    # Counted before the slow check, per client: a guest guessing from the LAN does not pause
    # the broker at the tablet itself (see shared.web.throttle.GuessLimit).
    who = request.remote_addr or "?"
    at_the_tablet = hosts.is_own_address(who)
    if not _wrong().attempt(who, at_the_tablet):
        return render_template("lock/lock.html", error=_("lock.wait")), 429
    if not check_pin(data_dir(), request.form.get("pin", "")):
        return render_template("lock/lock.html", error=_("lock.wrong")), 403
    _wrong().forgive(who, at_the_tablet)
    session["active_at"] = time.time()
    return redirect("/")
