"""The organiser's device pages: pair a tablet (code + QR), name tablets, revoke a lost one."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict
from urllib.parse import urlencode

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from hub.confirm import ask, confirmed
from hub.devices.board import SILENT_SECONDS, rows
from hub.devices.registry import device_board, registry
from hub.web import current_hub, reachable_url
from shared.core.checks import clean_text
from shared.stage.projection import PHASE_DURING
from shared.web import _

devices = Blueprint("hub_devices", __name__, template_folder="templates")

KIOSK_PAGE = "http://127.0.0.1:8500/pair"  # the tablet's own kiosk, where a QR scan lands


def pairing_link(code: str) -> str:
    """What the QR code holds: the tablet's pairing page, filled in."""
    query = {"code": code, "fp": registry().fingerprint, "hub": reachable_url()}
    return f"{KIOSK_PAGE}?{urlencode(query)}"


@devices.route("/pair", methods=["GET", "POST"])
def pair_page():
    # A GET shows the live code (a reload must not add codes); the button posts for a new one.
    code, expires = registry().new_code() if request.method == "POST" else registry().shown_code()
    expires_at = dt.datetime.fromtimestamp(expires).astimezone()
    return render_template(
        "devices/pair.html",
        code=code,
        expires_at=expires_at.strftime("%H:%M"),
        fingerprint=registry().fingerprint,
        hub_id=registry().hub_id,
        hub_url=reachable_url(),
        link=pairing_link(code),
        active="devices",
    )


@devices.get("/pair/qr.svg")
def pair_qr():
    code = request.args.get("code", "")
    if not code or len(code) > 12:
        abort(404)
    out = io.BytesIO()
    segno.make(pairing_link(code), error="m").save(out, kind="svg", scale=6, border=2)
    return Response(out.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@devices.get("/devices")
def device_list():
    return render_template(
        "devices/devices.html",
        devices=registry().all(),
        board=board_rows(),
        silent_minutes=SILENT_SECONDS // 60,
        backup=backup_status(),
        active="devices",
    )


def board_rows() -> list[dict]:
    """Each tablet's last contact and what it last told (hub.devices.board)."""
    during = current_hub().evening.stage.phase == PHASE_DURING
    return rows(registry().all(), device_board(), during)


@devices.get("/api/devices")
def devices_api():
    """The device board as JSON (the organiser's)."""
    return jsonify(
        {
            "devices": [
                {
                    "device": row["device"].device_id,
                    "name": row["device"].name,
                    "revoked": row["device"].revoked,
                    "last_seen": row["device"].last_seen,
                    "silent_seconds": row["silent_seconds"],
                    "silent_warning": row["silent_warning"],
                    **asdict(row["told"]),
                }
                for row in board_rows()
            ]
        }
    )


def backup_status() -> dict | None:
    """The periodic backup's last word (hub.backup.periodic), when the hub makes them."""
    periodic = current_app.extensions.get("backups")
    return periodic.status.as_dict() if periodic is not None else None


@devices.get("/api/backups")
def backups_api():
    """When the last backup was taken and where (the organiser's; null without --backup-to)."""
    return jsonify(backup_status())


@devices.post("/devices/<device_id>/name")
def rename(device_id: str):
    name = clean_text(request.form.get("name", ""))[:60]
    if not name or not registry().rename(device_id, name):
        abort(404)
    return redirect(url_for("hub_devices.device_list"))


@devices.post("/devices/<device_id>/revoke")
def revoke(device_id: str):
    device = registry().get(device_id)
    if device is None:
        abort(404)
    if not confirmed():  # a revoked tablet stops syncing at once: ask first
        return ask(
            _("confirm.revoke", name=device.name),
            _("confirm.revoke_yes"),
            url_for("hub_devices.device_list"),
        )
    registry().revoke(device_id)
    return redirect(url_for("hub_devices.device_list"))
