"""Name tags and posters as PDFs (organiser): ``/print/badges.pdf`` and ``/print/posters.pdf``.

Name tags: ``sheet`` = a4-2x5 (default), a4-3x8 or single; ``which`` = all (default),
unprinted, or one (with ``participant``). A GET only shows the PDF; the arrivals page's buttons
POST the same form, which also notes those tags as printed, so "not printed yet" means what it
says. Posters: ``size`` = A4 (default) or A3, all or one ``participant``.
"""

from __future__ import annotations

from flask import request

from hub.catalogue.views import names_of_categories, public_address
from hub.checkin.views import arrivals
from hub.participants.logos import LogoStore
from hub.printing.badges import DEFAULT_LAYOUT, LAYOUTS, Badge, badges_pdf
from hub.printing.kit import pdf_response
from hub.printing.posters import SIZES, Poster, posters_pdf
from hub.service import Hub
from hub.web import current_hub
from shared.core.errors import CodedError
from shared.participants.rules import STATUS_SIGNED_UP
from shared.web import _

WHICH = ("all", "unprinted", "one")


def _option(name: str, allowed, default: str) -> str:
    value = request.values.get(name, default)
    if value not in allowed:
        raise CodedError(f"unknown_{name}", f"{name} must be one of {', '.join(allowed)}", 400)
    return value


def coming(hub: Hub) -> list:
    """Who gets a name tag or a poster: signed up or walked in, not merged, not withdrawn."""
    people = [
        p
        for p in hub.evening.participants.values()
        if p.status == STATUS_SIGNED_UP and p.merged_into is None
    ]
    return sorted(people, key=lambda p: p.search_key)


def _chosen(hub: Hub, which: str) -> list:
    people = coming(hub)
    if which == "one":
        wanted = request.values.get("participant", "")
        people = [p for p in people if p.id == wanted]
        if not people:
            raise CodedError("unknown_participant", "no such participant", 404)
    elif which == "unprinted":
        printed = hub.evening.arrivals.printed
        people = [p for p in people if p.id not in printed]
    return people


def badge_of(hub: Hub, participant, address: str) -> Badge:
    return Badge(
        participant_id=participant.id,
        name=participant.name,
        contact_person=hub.contact_of(participant.id).get("contact_person", ""),
        sector=participant.sector,
        sector_label=_(f"sector.{participant.sector}"),
        qr=f"{address}/{participant.id}",
    )


def _badges_response(record: bool):
    hub = current_hub()
    layout = _option("sheet", LAYOUTS, DEFAULT_LAYOUT)
    people = _chosen(hub, _option("which", WHICH, "all"))
    address = public_address(hub.evening)
    printout = badges_pdf([badge_of(hub, p, address) for p in people], layout, _("badges.title"))
    if record and people:
        hub.record("record_badges_printed", [p.id for p in people])
    response = pdf_response(printout.pdf, "navnelapper.pdf")
    # never cut silently: the names that did not fit even when shrunk, for the page to say
    response.headers["X-Badges-Count"] = str(printout.count)
    response.headers["X-Badges-Cut"] = str(len(printout.cut))
    return response


@arrivals.get("/print/badges.pdf")
def badges():
    return _badges_response(record=False)


@arrivals.post("/print/badges.pdf")
def print_badges():
    return _badges_response(record=True)


@arrivals.get("/print/posters.pdf")
def posters():
    hub = current_hub()
    size = _option("size", SIZES, "A4")
    which = "one" if request.values.get("participant") else "all"
    logos = LogoStore(hub.data_dir)
    names = names_of_categories(hub.evening)

    def line(resource: dict) -> str:
        label = names.get(resource.get("category", ""), "")
        return f"{label}: {resource.get('text', '')}" if label else resource.get("text", "")

    made = [
        Poster(
            name=p.name,
            sector_label=_(f"sector.{p.sector}"),
            offers=[line(r) for r in p.offers],
            needs=[line(r) for r in p.needs],
            logo=logos.path(p.logo) if p.logo else None,
        )
        for p in _chosen(hub, which)
    ]
    return pdf_response(posters_pdf(made, size, _, _("posters.title")), "plakater.pdf")
