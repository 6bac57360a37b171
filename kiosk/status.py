"""The sync state every kiosk page shows, and its JSON twin (readable while locked)."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from kiosk import lock
from kiosk.web import current_kiosk

status = Blueprint("kiosk_status", __name__)


@status.get("/status")
def status_bar():
    return render_template("kiosk/_status.html", status=current_kiosk().status_dict())


@status.get("/api/status")
def api_status():
    return jsonify(lock.visible(current_kiosk().status_dict()))
