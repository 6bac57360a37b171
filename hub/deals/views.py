"""The organiser's deal list with its filters, and the list as a spreadsheet or CSV."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, render_template, request

from hub.deals import export
from hub.web import current_hub
from shared.core.vocabulary import CATEGORIES, SECTORS
from shared.web import current_language, is_htmx

deals = Blueprint("hub_deals", __name__, template_folder="templates")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filtered_deals(args) -> list:
    evening = current_hub().evening
    sector, category, device = args.get("sector"), args.get("category"), args.get("device")
    found = []
    for deal in evening.deals.values():
        if sector and sector not in {evening.participants.sector_of(p) for p in deal.party_ids}:
            continue
        if category and deal.category != category:
            continue
        if device and deal.origin != device:
            continue
        found.append(deal)
    found.sort(key=lambda d: d.received, reverse=True)
    return found


@deals.get("/")
def deal_list():
    hub = current_hub()
    context = {
        "deals": filtered_deals(request.args),
        "evening": hub.evening,
        "stats": hub.stats(),
        "filters": request.args,
        "SECTORS": SECTORS,
        "CATEGORIES": CATEGORIES,
        "active": "deals",
    }
    if is_htmx():  # the filters swap the table only
        return render_template("deals/_table.html", **context)
    return render_template("deals/list.html", **context)


def _download(body: bytes, mimetype: str, extension: str) -> Response:
    name = f"avtaler-{dt.date.today().isoformat()}.{extension}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@deals.get("/export.xlsx")
def export_xlsx():
    hub = current_hub()
    title = (hub.evening.settings or {}).get("name", "Frivilligbørs")
    lang = current_language()
    rows = export.deal_rows(hub, lang)
    people = export.participant_rows(hub, lang)
    return _download(export.to_xlsx(rows, title, lang, participants=people), XLSX, "xlsx")


@deals.get("/export.csv")
def export_csv():
    rows = export.deal_rows(current_hub(), current_language())
    return _download(export.to_csv(rows, current_language()), "text/csv; charset=utf-8", "csv")
