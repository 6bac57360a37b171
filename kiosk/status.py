"""The sync state every kiosk page shows, and its JSON twin (readable while locked)."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from kiosk import lock
from kiosk.web import current_kiosk

status = Blueprint(
    "kiosk_status", __name__, static_folder="static_status", static_url_path="/status-static"
)


@status.get("/status")
def status_bar():
    # The page's battery.js adds what the browser tells of the battery, for the hub's board.
    if request.args.get("battery", "").isdigit():
        charging = {"1": True, "0": False}.get(request.args.get("charging", ""))
        current_kiosk().note_battery(int(request.args["battery"]), charging)
    return render_template("kiosk/_status.html", status=current_kiosk().status_dict())


@status.get("/api/status")
def api_status():
    return jsonify(lock.visible(current_kiosk().status_dict()))
