"""The report's pages: ``/report`` (charts with their numbers), ``/report.pdf`` and
``GET /api/report`` (the same figures as JSON). Organiser only. ``?evening=`` names another
evening: the current one by its date, a closed one by its archive's id (hub.evenings), read-only;
404 for any other."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request

from hub.evenings.views import past_evening
from hub.printing.kit import pdf_response
from hub.reports import charts, figures, lasting_map, pdf
from hub.web import current_hub
from shared.core.checks import ValidationFailed
from shared.core.vocabulary import CATEGORIES, SECTORS
from shared.followup.rules import STATUSES
from shared.web import _, current_language

reports = Blueprint(
    "hub_reports",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/report-static",
)


def _figures() -> dict:
    evening = _evening_asked()
    found = figures.report(evening)
    return (
        found
        if evening is current_hub().evening
        else {**found, "archived": request.args["evening"]}
    )


def _charts(found: dict) -> dict:
    deals = found["deals"]
    steps = found["timeline"]["steps"]
    return {
        "category": charts.bars(
            _("report.by_category"),
            [(_(f"category.{c}"), n) for c, n in deals["by_category"].items()],
        ),
        "kind": charts.bars(
            _("report.by_kind"), [(_(f"kind.{k}"), n) for k, n in deals["by_kind"].items()]
        ),
        "timeline": charts.columns(
            _("report.timeline"), [(f"{row['minute']}′", row["deals"]) for row in steps]
        ),
        "device": charts.bars(
            _("report.by_device"), [(r["name"], r["deals"]) for r in found["by_device"]]
        ),
        "broker": charts.bars(
            _("report.by_broker"), [(r["name"], r["deals"]) for r in found["by_broker"]]
        ),
        "followup": charts.bars(
            _("report.followup"),
            [(_(f"followup.status.{s}"), n) for s, n in found["followup"]["by_status"].items()],
        ),
    }


@reports.get("/report")
def report_page():
    found = _figures()
    return render_template(
        "reports/report.html",
        active="report",
        r=found,
        charts=_charts(found),
        SECTORS=SECTORS,
        CATEGORIES=CATEGORIES,
        STATUSES=STATUSES,
    )


@reports.get("/report.pdf")
def report_pdf():
    found = _figures()
    name = f"rapport-{found['evening']['date'] or 'kveld'}.pdf"
    return pdf_response(pdf.render(found, current_language()), name, inline=False)


@reports.get("/api/report")
def report_api():
    return jsonify(_figures())


SHOWN_AT_MOST = 500


def _map_rows():
    filters = lasting_map.clean_filters(request.args)
    return filters, lasting_map.rows(_evening_asked(), filters, current_language())


def _evening_id() -> str:
    return request.args.get("evening", "")


def _evening_asked():
    """The current evening, or a closed one named by ``?evening=`` (hub.evenings), read-only."""
    evening = current_hub().evening
    wanted = request.args.get("evening", "")
    if not wanted or wanted == (evening.settings or {}).get("date", ""):
        return evening
    past = past_evening(wanted)
    if past is None:
        abort(404)
    return past


@reports.get("/report/catalogue")
def map_page():
    filters, found = _map_rows()
    return render_template(
        "reports/map.html",
        active="report",
        rows=found[:SHOWN_AT_MOST],
        total=len(found),
        filters=filters,
        query=urlencode({k: v for k, v in {**filters, "evening": _evening_id()}.items() if v}),
        SECTORS=SECTORS,
        CATEGORIES=CATEGORIES,
        SIDES=lasting_map.SIDES,
    )


@reports.get("/report/catalogue.csv")
def map_csv():
    _, found = _map_rows()
    data = lasting_map.to_csv(found, current_language())
    return Response(
        data,
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="katalog.csv"'},
    )


@reports.get("/report/catalogue.xlsx")
def map_xlsx():
    _, found = _map_rows()
    return Response(
        lasting_map.to_xlsx(found, current_language()),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="katalog.xlsx"'},
    )


@reports.post("/report/values")
def set_values():
    """The default value of each category (the form lists them all; only changes are kept)."""
    hub = current_hub()
    current = hub.evening.followup.category_values()
    wanted = {c: request.form.get(f"value_{c}", "").strip() or "0" for c in CATEGORIES}
    try:
        clean = [figures.category_value(c, v) for c, v in wanted.items()]
    except ValidationFailed:
        return redirect("/report?values=refused", 303)

    def record(journal):
        for category, kroner in clean:
            if current.get(category, 0) != kroner:
                journal.set_category_value({"category": category, "kroner": kroner})

    hub.record(record)
    return redirect("/report?values=saved", 303)
