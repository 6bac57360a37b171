"""The catalogue on the kiosk (``/catalogue``, ``/catalogue/<participant id>``): the same search,
results and participant pages as the hub's public ones (the templates and the listing live in
:mod:`shared.catalogue`), read from the tablet's own mirror, so brokers can look things up in
the hall while the Wi-Fi is down. The page says when the copy last heard from the hub."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template, request

import shared.catalogue
from kiosk.web import current_kiosk
from shared.catalogue.listing import category_names, listing, participant_page, read_query
from shared.core.vocabulary import SECTORS
from shared.web import _, current_language, is_htmx

SHARED = Path(shared.catalogue.__file__).parent
BASE = "/catalogue"

catalogue_pages = Blueprint(
    "kiosk_catalogue",
    __name__,
    template_folder="templates",
    static_folder=str(SHARED / "static"),
    static_url_path="/catalogue/static",
)
shared_templates = Blueprint(
    "catalogue_templates", __name__, template_folder=str(SHARED / "templates")
)


def _common(kiosk) -> dict:
    return {
        "status": kiosk.status_dict(),
        "names": category_names(
            kiosk.evening.catalogue, current_language(), lambda c: _(f"category.{c}")
        ),
        "SECTORS": SECTORS,
        "base": BASE,
        "active": "catalogue",
    }


@catalogue_pages.get(BASE)
def catalogue_page():
    kiosk = current_kiosk()
    found = kiosk.evening.catalogue
    query = read_query(request.args, found.category_codes(), strict=False)
    context = {"listing": listing(found, query), **_common(kiosk)}
    if is_htmx():
        return render_template("catalogue/_results.html", **context)
    return render_template("catalogue_kiosk/list.html", **context)


@catalogue_pages.get(f"{BASE}/<participant_id>")
def participant(participant_id: str):
    kiosk = current_kiosk()
    context = participant_page(kiosk.evening.catalogue, participant_id)
    if context is None:
        abort(404)
    return render_template("catalogue_kiosk/entry.html", qr=None, **context, **_common(kiosk))
