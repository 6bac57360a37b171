"""The organiser's deal list with its filters, and the list as a spreadsheet or CSV."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, redirect, render_template, request

from hub.deals import export, service
from hub.deals.status import DOUBLE, STATUSES, statuses_of, suspected_doubles
from hub.web import current_hub
from shared.catalogue.text import fold
from shared.core.checks import ValidationFailed, day_month_year, parse_typed_date
from shared.core.vocabulary import CATEGORIES, DEAL_KINDS, SECTORS
from shared.web import _, current_language, is_htmx

deals = Blueprint("hub_deals", __name__, template_folder="templates")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text_of(deal, evening) -> str:
    """What a search looks in: the number, the parties' names, what they give, the broker."""
    names = [p.name for pid in deal.party_ids if (p := evening.participants.get(pid))]
    gives = [party.get("gives", "") for party in deal.parties]
    return fold(" ".join([deal.number, deal.broker, *names, *gives]))


def _matches(deal, evening, args, marks: list[str]) -> bool:
    sector, category, device = args.get("sector"), args.get("category"), args.get("device")
    if sector and sector not in {evening.participants.sector_of(p) for p in deal.party_ids}:
        return False
    if category and deal.category != category:
        return False
    if device and deal.origin != device:
        return False
    status = args.get("status")
    if status == "ok" and marks:
        return False
    if status in STATUSES and status not in marks:
        return False
    words = fold(args.get("q", "")).split()
    return not words or all(w in _text_of(deal, evening) for w in words)


def filtered_deals(args) -> list:
    evening = current_hub().evening
    doubles = suspected_doubles(evening) if args.get("status") == DOUBLE else set()
    found = [
        deal
        for deal in evening.deals.values()
        if _matches(deal, evening, args, statuses_of(deal, evening, doubles))
    ]
    found.sort(key=lambda d: d.received, reverse=True)
    return found


@deals.get("/")
def deal_list():
    hub = current_hub()
    shown = filtered_deals(request.args)
    doubles = suspected_doubles(hub.evening)
    context = {
        "deals": shown,
        "marks": {d.id: statuses_of(d, hub.evening, doubles) for d in shown},
        "STATUSES": STATUSES,
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


# --- the organiser corrects, voids, or undoes a void ----------------------------------------------


def _deal_or_404(deal_id: str):
    try:
        return service.deal_of(current_hub(), deal_id)
    except service.UnknownDeal:
        abort(404)


def _typed(form, deal) -> dict:
    """The correction form: what each party gives (the parties stay), category, kind, date."""
    typed = parse_typed_date(form.get("deadline", ""))
    return {
        "parties": [
            {"participant_id": pid, "gives": form.get(f"p{i}_gives", "")}
            for i, pid in enumerate(deal.party_ids)
        ],
        "category": form.get("category", ""),
        "kind": form.get("kind", ""),
        "deadline": typed.isoformat() if typed else form.get("deadline", ""),
        "broker": form.get("broker", ""),
    }


def _edit_page(deal, values: dict, errors: dict, status: int = 200):
    html = render_template(
        "deals/edit.html",
        deal=deal,
        values=values,
        errors=errors,
        evening=current_hub().evening,
        CATEGORIES=CATEGORIES,
        DEAL_KINDS=DEAL_KINDS,
        active="deals",
    )
    return html, status


def _messages(failed: ValidationFailed) -> dict[str, str]:
    messages: dict[str, str] = {}
    for error in failed.errors:
        messages.setdefault(error.field, _(f"error.{error.code}"))
    return messages


def _values_of(deal) -> dict:
    return {
        "parties": deal.parties,
        "category": deal.category,
        "kind": deal.kind,
        "deadline": day_month_year(deal.deadline),
        "broker": deal.broker,
    }


@deals.get("/deals/<deal_id>/edit")
def edit_deal(deal_id: str):
    deal = _deal_or_404(deal_id)
    return _edit_page(deal, _values_of(deal), {})


@deals.post("/deals/<deal_id>")
def correct_deal(deal_id: str):
    deal = _deal_or_404(deal_id)
    data = _typed(request.form, deal)
    try:
        service.correct(current_hub(), deal_id, data)
    except ValidationFailed as failed:
        values = {**data, "deadline": request.form.get("deadline", "")}
        return _edit_page(deal, values, _messages(failed), 422)
    return redirect(f"/?changed={deal.number}", 303)


@deals.post("/deals/<deal_id>/void")
def void_deal(deal_id: str):
    deal = _deal_or_404(deal_id)
    try:
        service.void(current_hub(), deal_id, request.form.get("reason", ""))
    except ValidationFailed as failed:
        return _edit_page(deal, _values_of(deal), _messages(failed), 422)
    return redirect(f"/?changed={deal.number}", 303)


@deals.post("/deals/<deal_id>/restore")
def restore_deal(deal_id: str):
    deal = _deal_or_404(deal_id)
    try:
        service.undo_void(current_hub(), deal_id)
    except ValidationFailed:
        abort(409)
    return redirect(f"/?changed={deal.number}", 303)
