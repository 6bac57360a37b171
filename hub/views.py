"""The organiser's pages: deal list with filters, participants, the evening's settings, exports."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, current_app, make_response, render_template, request

from hub import export
from hub.service import Hub
from shared.domain.validation import ValidationFailed
from shared.domain.vocabulary import CATEGORIES, SECTORS
from shared.web import _, current_language

views = Blueprint(
    "hub",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/hub-static",
)


def hub() -> Hub:
    return current_app.extensions["hub"]


def filtered_deals(args) -> list:
    evening = hub().evening
    sector, category, device = args.get("sector"), args.get("category"), args.get("device")
    deals = []
    for deal in evening.deals.values():
        if sector and sector not in {evening.sector_of(pid) for pid in deal.party_ids}:
            continue
        if category and deal.category != category:
            continue
        if device and deal.origin != device:
            continue
        deals.append(deal)
    deals.sort(key=lambda d: d.received, reverse=True)
    return deals


@views.get("/")
def deals():
    context = {
        "deals": filtered_deals(request.args),
        "evening": hub().evening,
        "stats": hub().stats(),
        "filters": request.args,
        "SECTORS": SECTORS,
        "CATEGORIES": CATEGORIES,
        "active": "deals",
    }
    if request.headers.get("HX-Request") == "true":  # HTMX(app) would re-register
        return render_template("hub/_deal_table.html", **context)
    return render_template("hub/deals.html", **context)


@views.get("/participants")
def participants():
    return render_template(
        "hub/participants.html",
        evening=hub().evening,
        hub=hub(),
        SECTORS=SECTORS,
        CATEGORIES=CATEGORIES,
        values={},
        errors={},
        active="participants",
    )


@views.post("/participants")
def add_participant():
    form = request.form
    data = {
        "name": form.get("name", ""),
        "sector": form.get("sector", ""),
        "contact_person": form.get("contact_person", ""),
        "email": form.get("email", ""),
        "phone": form.get("phone", ""),
        "needs": _resources(form, "need"),
        "offers": _resources(form, "offer"),
        "consent_public": form.get("consent_public") == "on",
    }
    errors, notice = {}, None
    try:
        hub().register_participant(data)
        notice = _("hub.saved")
        values = {}
    except ValidationFailed as failed:
        errors = {f: _(f"error.{code}") for f, code in failed.codes().items()}
        values = form
    status = 422 if errors else 201
    return make_response(
        render_template(
            "hub/participants.html",
            evening=hub().evening,
            hub=hub(),
            SECTORS=SECTORS,
            CATEGORIES=CATEGORIES,
            values=values,
            errors=errors,
            notice=notice,
            active="participants",
        ),
        status,
    )


def _resources(form, prefix: str) -> list[dict]:
    text = form.get(f"{prefix}_text", "").strip()
    if not text:
        return []
    return [{"category": form.get(f"{prefix}_category", ""), "text": text}]


@views.route("/settings", methods=["GET", "POST"])
def settings():
    values = hub().evening.settings or {
        "name": "",
        "venue": "",
        "date": dt.date.today().isoformat(),
        "opens_at": "17:45",
        "closes_at": "18:45",
        "target": 0,
    }
    errors, notice, status = {}, None, 200
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in values}
        try:
            hub().schedule_evening(values)
            notice = _("hub.saved")
        except ValidationFailed as failed:
            errors = {f: _(f"error.{code}") for f, code in failed.codes().items()}
            status = 422
    return make_response(
        render_template(
            "hub/settings.html", values=values, errors=errors, notice=notice, active="settings"
        ),
        status,
    )


def _export_name(extension: str) -> str:
    return f"avtaler-{dt.date.today().isoformat()}.{extension}"


@views.get("/export.xlsx")
def export_xlsx():
    settings = hub().evening.settings or {}
    body = export.to_xlsx(
        export.deal_rows(hub(), current_language()), settings.get("name", "Frivilligbørs")
    )
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{_export_name("xlsx")}"'},
    )


@views.get("/export.csv")
def export_csv():
    body = export.to_csv(export.deal_rows(hub(), current_language()))
    return Response(
        body,
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{_export_name("csv")}"'},
    )
