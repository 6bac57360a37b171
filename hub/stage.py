"""The organiser's stage: gong controls, the MC's view, the public count, earlier evenings.

The use cases come first (they write the hub's journal through :meth:`Hub._record`), then the
pages. The stage screen itself lives in :mod:`hub.screen`.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import time
import uuid
from functools import lru_cache

import segno
from flask import (
    Blueprint,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup

from hub.service import Hub
from shared.domain.validation import ValidationFailed
from shared.stage import talking_points

stage = Blueprint("stage", __name__, template_folder="templates")


def hub() -> Hub:
    return current_app.extensions["hub"]


# --- use cases --------------------------------------------------------------------------------


def open_hour(h: Hub) -> None:
    h._record(h.journal.open_hour)


def close_hour(h: Hub) -> None:
    """Strike the closing gong and keep this evening's figures at that moment as its result."""

    def command() -> None:
        h.catch_up()  # count what is stored, under the write lock nothing new can slip in
        settings = h.evening.settings or {}
        h.journal.close_hour(
            {
                "name": settings.get("name") or "Frivilligbørs",
                "date": settings.get("date") or dt.date.today().isoformat(),
                "deals": h.stage.hour_count(),
                "participants": len(h.evening.participants),
            }
        )

    h._record(command)


def move_closing_time(h: Hub, closes_at: str) -> None:
    h._record(h.journal.move_closing_time, closes_at)


def configure_screen(h: Hub, config: dict) -> None:
    h._record(h.journal.configure_screen, config)


def record_earlier_evening(h: Hub, figures: dict) -> str:
    record_id = str(uuid.uuid4())
    h._record(h.journal.record_earlier_evening, record_id, figures)
    return record_id


def remove_earlier_evening(h: Hub, record_id: str) -> None:
    h._record(h.journal.remove_earlier_evening, record_id)


# --- shared bits of the pages -----------------------------------------------------------------


def hub_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def board_of(h: Hub) -> dict:
    """The board as plain data, taken while no fold is running: kiosks' batches are folded on
    other threads, and reading the evening's dicts mid-fold could fail near the closing gong."""
    with h._fold_lock:
        return h.stage.board(hub_now())


def public_url() -> str:
    """Where guests' phones find the count: as set by the organiser, else the address the
    screen used, except that a screen on the hub laptop itself (127.0.0.1) would hand phones
    a loopback address: then the laptop's own LAN address is the better guess."""
    configured = hub().stage.screen.public_url
    path = url_for("screen.public_count")
    if configured:
        return configured.rstrip("/") + path
    hostname, _, port = request.host.partition(":")
    if hostname in ("127.0.0.1", "localhost") and (lan := lan_address()):
        return f"http://{lan}:{port}{path}" if port else f"http://{lan}{path}"
    return request.host_url.rstrip("/") + path


_lan_seen: tuple[float, str | None] = (-1e9, None)


def lan_address() -> str | None:
    """This laptop's first private IPv4 address, read from its interfaces (nothing is sent),
    looked up again after a minute in case the laptop joined the venue's network late."""
    global _lan_seen
    seen_at, address = _lan_seen
    if time.monotonic() - seen_at > 60:
        from shared.discovery import local_addresses

        private = [
            a for a in local_addresses() if ":" not in a and ipaddress.ip_address(a).is_private
        ]
        address = private[0] if private else None
        _lan_seen = (time.monotonic(), address)
    return address


@lru_cache(maxsize=8)
def qr_svg(url: str) -> Markup:
    """The QR code as inline SVG (segno's own output: numbers and paths only, no user text)."""
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=1, border=2, dark="#0b3d37", light="#ffffff", omitsize=True)
    return Markup(svg)


def _form_errors(failed: ValidationFailed) -> dict:
    return failed.codes()


# --- the organiser's controls -------------------------------------------------------------------


def _controls_page(errors: dict | None = None, status: int = 200):
    h = hub()
    return (
        render_template(
            "hub/controls.html",
            board=board_of(h),
            config=h.stage.screen,
            qr_url=public_url(),
            errors=errors or {},
            active="controls",
        ),
        status,
    )


@stage.get("/controls")
def controls():
    return _controls_page()


@stage.post("/controls/gong")
def gong():
    action = request.form.get("action")
    h = hub()
    if action == "open":
        open_hour(h)
    elif action == "close":
        close_hour(h)
    else:
        return _controls_page({"action": "required"}, 422)
    return redirect(url_for("stage.controls"), 303)


@stage.post("/controls/closing")
def closing():
    try:
        move_closing_time(hub(), request.form.get("closes_at", ""))
    except ValidationFailed as failed:
        return _controls_page(_form_errors(failed), 422)
    return redirect(url_for("stage.controls"), 303)


@stage.post("/controls/screen")
def screen_settings():
    form = request.form
    current = hub().stage.screen
    config = {
        "message": form.get("message", current.message),
        "show_ticker": form.get("show_ticker") == "on",
        "language": form.get("language", current.language),
        "public_url": form.get("public_url", current.public_url),
    }
    if form.get("clear_message"):
        config["message"] = ""
    try:
        configure_screen(hub(), config)
    except ValidationFailed as failed:
        return _controls_page(_form_errors(failed), 422)
    return redirect(url_for("stage.controls"), 303)


# --- earlier evenings -------------------------------------------------------------------------


def _records_page(values: dict | None = None, errors: dict | None = None, status: int = 200):
    h = hub()
    return (
        render_template(
            "hub/records.html",
            rows=h.stage.earlier_evenings(),
            record=h.stage.record(),
            current=h.stage.current_key(),
            kept=h.stage.kept_figures(),
            values=values or {},
            errors=errors or {},
            active="records",
        ),
        status,
    )


@stage.get("/records")
def records():
    return _records_page()


@stage.post("/records")
def add_record():
    values = {k: request.form.get(k, "") for k in ("name", "date", "deals", "participants")}
    try:
        record_earlier_evening(hub(), values)
    except ValidationFailed as failed:
        return _records_page(values, _form_errors(failed), 422)
    return redirect(url_for("stage.records"), 303)


@stage.post("/records/<record_id>/remove")
def remove_record(record_id: str):
    remove_earlier_evening(hub(), record_id)
    return redirect(url_for("stage.records"), 303)


# --- the MC's view ------------------------------------------------------------------------------


def _mc_context() -> dict:
    h = hub()
    with h._fold_lock:  # see board_of
        return {
            "board": h.stage.board(hub_now()),
            "points": talking_points(h.evening),
            "evening": h.evening,
            "latest": h.stage.latest(8),
            "version": h.evening.version,
        }


@stage.get("/mc")
def mc():
    return render_template("hub/mc.html", **_mc_context())


@stage.get("/mc/live")
def mc_live():
    if request.args.get("v") == str(hub().evening.version):
        return "", 204
    return render_template("hub/_mc_live.html", **_mc_context())


# --- the public count for guests' phones ---------------------------------------------------------


def public_figures() -> dict:
    """The count and nothing personal: no names, no contact details."""
    h = hub()
    board = board_of(h)
    record = board["record"]
    return {
        "name": board["name"],
        "phase": board["phase"],
        "deals": board["count"],
        "late": board["late"],
        "target": board["target"],
        "record": record.deals if record else None,
        "opens_at": board["opens_at"].isoformat() if board["opens_at"] else None,
        "closes_at": board["closes_at"].isoformat() if board["closes_at"] else None,
        "now": board["now"].isoformat(),
    }


def use_screen_language() -> None:
    """The stage screen speaks the language the organiser chose for it."""
    if request.endpoint in ("screen.stage_screen", "screen.live"):
        g.lang = hub().stage.screen.language
