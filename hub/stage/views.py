"""The organiser's stage pages: gong controls, earlier evenings, the MC's view."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from hub.confirm import ask, confirmed
from hub.stage import service
from hub.stage.service import board_of, hub_now, public_url
from hub.web import current_hub
from shared.core.checks import ValidationFailed
from shared.stage.board import board
from shared.stage.talking_points import talking_points
from shared.web import _

stage = Blueprint(
    "stage",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/hub-static",
)


# --- the organiser's controls -------------------------------------------------------------------


def _controls_page(errors: dict | None = None, status: int = 200):
    h = current_hub()
    return (
        render_template(
            "stage/controls.html",
            board=board_of(h),
            config=h.evening.stage.screen,
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
    h = current_hub()
    if action in ("open", "close") and not confirmed():
        reopening = action == "open" and h.evening.stage.phase == "after"
        if action == "close" or reopening:
            return ask(
                _(f"confirm.gong_{action}"),
                _(f"confirm.gong_{action}_yes"),
                url_for("stage.controls"),
                {"action": action},
            )
    if action == "open":
        service.open_hour(h)
    elif action == "close":
        service.close_hour(h)
    else:
        return _controls_page({"action": "required"}, 422)
    return redirect(url_for("stage.controls"), 303)


@stage.post("/controls/closing")
def closing():
    try:
        service.move_closing_time(current_hub(), request.form.get("closes_at", ""))
    except ValidationFailed as failed:
        return _controls_page(failed.codes(), 422)
    return redirect(url_for("stage.controls"), 303)


@stage.post("/controls/screen")
def screen_settings():
    form = request.form
    current = current_hub().evening.stage.screen
    config = {
        "message": form.get("message", current.message),
        "show_ticker": form.get("show_ticker") == "on",
        "show_value": form.get("show_value") == "on",
        "language": form.get("language", current.language),
        "public_url": form.get("public_url", current.public_url),
    }
    if form.get("clear_message"):
        config["message"] = ""
    try:
        service.configure_screen(current_hub(), config)
    except ValidationFailed as failed:
        return _controls_page(failed.codes(), 422)
    return redirect(url_for("stage.controls"), 303)


# --- earlier evenings -------------------------------------------------------------------------


def _records_page(values: dict | None = None, errors: dict | None = None, status: int = 200):
    h = current_hub()
    return (
        render_template(
            "stage/records.html",
            rows=h.evening.stage.earlier_evenings(),
            record=h.evening.stage.record(),
            current=h.evening.stage.current_key(),
            kept=h.evening.stage.kept_figures(),
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
        service.record_earlier_evening(current_hub(), values)
    except ValidationFailed as failed:
        return _records_page(values, failed.codes(), 422)
    return redirect(url_for("stage.records"), 303)


@stage.post("/records/<record_id>/remove")
def remove_record(record_id: str):
    if not confirmed():
        row = next(
            (r for r in current_hub().evening.stage.earlier_evenings() if r.key == record_id), None
        )
        if row is None:
            abort(404)
        return ask(
            _("confirm.remove_record", name=row.name, date=row.date),
            _("confirm.remove_record_yes"),
            url_for("stage.records"),
        )
    try:
        service.remove_earlier_evening(current_hub(), record_id)
    except ValidationFailed:
        abort(404)
    return redirect(url_for("stage.records"), 303)


# --- the MC's view ------------------------------------------------------------------------------


def _mc_context() -> dict:
    h = current_hub()
    evening = h.evening
    return {
        "board": board(evening.stage, hub_now()),
        "points": talking_points(
            evening.participants, evening.deals, matches=evening.catalogue.matches
        ),
        "evening": evening,
        "latest": evening.stage.latest(8),
        "version": evening.version,
    }


@stage.get("/mc")
def mc():
    return render_template("stage/mc.html", **_mc_context())


@stage.get("/mc/live")
def mc_live():
    if request.args.get("v") == str(current_hub().evening.version):
        return "", 204
    return render_template("stage/_mc_live.html", **_mc_context())
