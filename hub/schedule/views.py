"""The evening's plan: name, venue, date, opening and closing time, target."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, make_response, render_template, request

from hub.web import current_hub, form_errors
from shared.core.checks import ValidationFailed
from shared.web import _

schedule = Blueprint("hub_schedule", __name__, template_folder="templates")

FIELDS = ("name", "venue", "date", "opens_at", "closes_at", "target")


def _blank_plan() -> dict:
    return {
        "name": "",
        "venue": "",
        "date": dt.date.today().isoformat(),
        "opens_at": "17:45",
        "closes_at": "18:45",
        "target": 0,
    }


@schedule.route("/settings", methods=["GET", "POST"])
def settings():
    hub = current_hub()
    values = hub.evening.settings or _blank_plan()
    errors, notice, status = {}, None, 200
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in FIELDS}
        try:
            hub.schedule_evening(values)
            notice = _("hub.saved")
        except ValidationFailed as failed:
            errors, status = form_errors(failed), 422
    html = render_template(
        "schedule/settings.html", values=values, errors=errors, notice=notice, active="settings"
    )
    return make_response(html, status)
