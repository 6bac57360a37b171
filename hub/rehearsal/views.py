"""The organiser's rehearsal page: start, end, wipe (each with a second step that asks)."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, url_for

from hub import rehearsal as service
from hub.confirm import ask, confirmed
from hub.web import current_hub
from shared.core.checks import ValidationFailed
from shared.web import _

rehearsal = Blueprint("rehearsal", __name__, template_folder="templates")


def _page(errors: dict | None = None, status: int = 200, wiped: int | None = None):
    h = current_hub()
    html = render_template(
        "rehearsal/rehearsal.html",
        state=service.summary(h.evening),
        errors=errors or {},
        wiped=wiped,
        active="rehearsal",
    )
    return html, status


@rehearsal.get("/rehearsal")
def page():
    return _page()


@rehearsal.get("/api/rehearsal")
def state():
    return jsonify(service.summary(current_hub().evening))


def _act(question: str, answer: str, run):
    if not confirmed():
        return ask(question, answer, url_for("rehearsal.page"))
    try:
        result = run(current_hub())
    except ValidationFailed as failed:
        return _page({e.field: e.code for e in failed.errors}, 422)
    if run is service.wipe:
        return _page(wiped=result)
    return redirect(url_for("rehearsal.page"), 303)


@rehearsal.post("/rehearsal/start")
def start():
    return _act(_("confirm.rehearsal_start"), _("confirm.rehearsal_start_yes"), service.start)


@rehearsal.post("/rehearsal/end")
def end():
    return _act(_("confirm.rehearsal_end"), _("confirm.rehearsal_end_yes"), service.end)


@rehearsal.post("/rehearsal/wipe")
def wipe():
    return _act(_("confirm.rehearsal_wipe"), _("confirm.rehearsal_wipe_yes"), service.wipe)
