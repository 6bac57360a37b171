"""The organiser's side of the catalogue (login): where it is published, the evening's
categories, whom to recruit (needs no offer meets), and the printouts."""

from __future__ import annotations

from flask import make_response, redirect, render_template, request

from hub.catalogue.blueprint import catalogue
from hub.catalogue.views import names_of_categories, public_address
from hub.printing.catalogue import catalogue_pdf
from hub.printing.kit import pdf_response
from hub.printing.qr_notes import qr_notes_pdf
from hub.web import current_hub, form_errors
from shared.core.checks import ValidationFailed
from shared.web import _

PAGE = "/settings/catalogue"


def unmet_needs(evening) -> list[tuple[object, object]]:
    """``[(participant, need)]`` that no offer meets, by category then name."""
    participants = evening.participants
    return [(participants.get(r.participant_id), r) for r in evening.catalogue.matches.unmet()]


def _page(errors: dict | None = None, values: dict | None = None, status: int = 200):
    evening = current_hub().evening
    html = render_template(
        "catalogue_hub/organiser.html",
        active="catalogue",
        unmet=unmet_needs(evening),
        names=names_of_categories(evening),
        categories=evening.catalogue.categories(),
        public_url=evening.catalogue.public_url,
        address=public_address(evening),
        errors=errors or {},
        values=values or {},
        saved=request.args.get("saved") == "1",
    )
    return make_response(html, status)


@catalogue.get(PAGE)
def organiser_page():
    return _page()


@catalogue.post(f"{PAGE}/address")
def set_address():
    values = {"public_url": request.form.get("public_url", "").strip()}
    try:
        current_hub().record("set_catalogue_address", values)
    except ValidationFailed as failed:
        return _page(form_errors(failed), values, 422)
    return redirect(f"{PAGE}?saved=1", 303)


@catalogue.post(f"{PAGE}/category")
def define_category():
    values = {k: request.form.get(k, "").strip() for k in ("code", "name_nb", "name_en")}
    try:
        current_hub().record("define_category", values)
    except ValidationFailed as failed:
        return _page(form_errors(failed), values, 422)
    return redirect(f"{PAGE}?saved=1", 303)


def _printout(build, filename: str):
    evening = current_hub().evening
    data = build(
        evening.catalogue,
        names_of_categories(evening),
        _,
        public_address(evening),
        evening.settings or {},
    )
    return pdf_response(data, filename)


@catalogue.get("/print/catalogue.pdf")
def print_catalogue():
    return _printout(catalogue_pdf, "bors-katalog.pdf")


@catalogue.get("/print/qr-notes.pdf")
def print_qr_notes():
    return _printout(qr_notes_pdf, "qr-lapper.pdf")
