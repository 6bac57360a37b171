"""The live stage screen: the deal count, large, and the time left, for the whole hall.

The page polls a small fragment twice a second; the fragment URL carries the version of the
evening it shows, so an unchanged evening costs a ``204`` with no body. The countdown runs in
the browser from the hub's clock: the page is told the hub's time and corrects its own by the
difference, so a projector PC with a wrong clock still counts down to the real gong.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, render_template, request

from hub.service import Hub

screen = Blueprint("screen", __name__, template_folder="templates")


def hub() -> Hub:
    return current_app.extensions["hub"]


def screen_context() -> dict:
    h = hub()
    stats = h.stats()
    closes = h.closes_at()
    return {
        "stats": stats,
        "settings": h.evening.settings,
        "closes_at": closes.isoformat() if closes else "",
        "now": dt.datetime.now().astimezone().isoformat(),
        "version": h.evening.version,
    }


@screen.get("/screen")
def stage_screen():
    return render_template("hub/screen.html", **screen_context())


@screen.get("/screen/live")
def live():
    if request.args.get("v") == str(hub().evening.version):
        return "", 204
    return render_template("hub/_screen_live.html", **screen_context())
