"""The public catalogue (``/catalogue``, ``/catalogue/<participant id>``, ``?lang=en``): no
login, nothing but names, sectors, needs and offers, and the match suggestions between them.

One URL, two renderings: the whole page, or only the results when htmx asks while one types.
"""

from __future__ import annotations

from flask import abort, render_template, request, send_from_directory

from hub.auth.access import public
from hub.catalogue.blueprint import SHARED, catalogue
from hub.stage.service import qr_svg
from hub.web import current_hub, reachable_url
from shared.catalogue.listing import category_names, listing, participant_page, read_query
from shared.core.vocabulary import SECTORS
from shared.web import _, current_language, is_htmx

BASE = "/catalogue"


def names_of_categories(evening) -> dict[str, str]:
    return category_names(evening.catalogue, current_language(), lambda c: _(f"category.{c}"))


def public_address(evening) -> str:
    """Where the public reaches this hub's catalogue: the address the organiser set (the
    hub online behind its proxy), else this hub as the venue's network reaches it."""
    return (evening.catalogue.public_url or reachable_url()) + BASE


@catalogue.get(f"{BASE}/static/catalogue.css")
@public
def stylesheet():
    """The catalogue's stylesheet, shared with the kiosk (a view, so it can be marked public)."""
    return send_from_directory(SHARED / "static", "catalogue.css", max_age=3600)


@catalogue.get(BASE)
@public
def catalogue_page():
    evening = current_hub().evening
    query = read_query(request.args, evening.catalogue.category_codes(), strict=False)
    context = {
        "listing": listing(evening.catalogue, query),
        "names": names_of_categories(evening),
        "SECTORS": SECTORS,
        "base": BASE,
        "evening": evening.settings or {},
    }
    if is_htmx():
        return render_template("catalogue/_results.html", **context)
    return render_template("catalogue_hub/list.html", **context)


@catalogue.get(f"{BASE}/<participant_id>")
@public
def participant(participant_id: str):
    evening = current_hub().evening
    context = participant_page(evening.catalogue, participant_id)
    if context is None:
        abort(404)
    page_url = f"{public_address(evening)}/{participant_id}"
    return render_template(
        "catalogue_hub/entry.html",
        qr=qr_svg(page_url),
        page_url=page_url,
        names=names_of_categories(evening),
        base=BASE,
        evening=evening.settings or {},
        **context,
    )
