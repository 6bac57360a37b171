"""The broker's pages: one URL per action, a full page normally, a fragment for htmx."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, make_response, render_template, request

from kiosk.deals import forms, picker
from kiosk.deals.rows import deal_row
from kiosk.service import UnknownDeal
from kiosk.web import current_kiosk as kiosk
from shared.core.checks import ValidationFailed, day_month_year
from shared.core.vocabulary import CATEGORIES, DEAL_KINDS, SECTORS
from shared.deals.rules import MAX_BROKER, MAX_GIVES, MAX_PARTIES, MAX_REASON
from shared.participants.rules import MAX_NAME
from shared.web import _, is_htmx

views = Blueprint(
    "kiosk_deals",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/deal-static",
)

BROKER_COOKIE = "broker"

# The rules' limits, the same on the form as on the hub and the wire (the form says them).
LIMITS = {"broker": MAX_BROKER, "gives": MAX_GIVES, "name": MAX_NAME, "reason": MAX_REASON}


views.add_app_template_global(deal_row)


@views.context_processor
def _limits() -> dict:
    return {"LIMITS": LIMITS}


@views.app_template_filter("day_month_year")
def _day_month_year(value: str) -> str:
    return day_month_year(value)


def _form_context(**overrides) -> dict:
    k = kiosk()
    context = {
        # One key per rendered form: the server knows a second send of the same form.
        "form_key": uuid.uuid4().hex,
        "saved_after": "",
        "slots": forms.empty_slots(),
        "values": {
            "category": "",
            "kind": "mutual",
            "deadline": forms.suggested_deadline(k.evening),
            "broker": request.cookies.get(BROKER_COOKIE, ""),
        },
        "errors": {},
        "action": "/deals",
        "editing": None,
        "CATEGORIES": CATEGORIES,
        "DEAL_KINDS": DEAL_KINDS,
        "SECTORS": SECTORS,
        "MAX_PARTIES": MAX_PARTIES,
    }
    context.update(overrides)
    return context


# The page lists this tablet's newest deals only: rendering every one after each save made a
# save cost grow with the evening (p50 30 ms at 200 deals, 270 ms at 2,000; issue 7 bench), and
# the list is still over half of a save's time at ~0.1 ms per deal. "... +N" counts the rest;
# GET /api/deals lists them all.
PAGE_DEALS = 20


def _page_context() -> dict:
    k = kiosk()
    return {
        "status": k.status_dict(),
        "deals": k.my_deals(limit=PAGE_DEALS),
        "more_deals": max(0, k.my_deal_count() - PAGE_DEALS),
        "evening": k.evening,
    }


@views.get("/")
def index():
    return render_template("deals/index.html", **_page_context(), **_form_context())


@views.get("/deals/mine")
def my_deals():
    return render_template(
        "deals/_my_deals.html", deals=kiosk().my_deals(), evening=kiosk().evening
    )


def _slot_index() -> int:
    try:
        return max(0, min(int(request.args.get("slot", "0")), MAX_PARTIES - 1))
    except ValueError:
        abort(400)


@views.get("/participants/search")
def search_participants():
    query = request.args.get("q", "")
    return render_template(
        "deals/_suggestions.html",
        matches=picker.suggestions(kiosk().evening, query),
        slot=_slot_index(),
        query=query,
    )


@views.get("/participants/alike")
def alike_participants():
    """While a walk-in's name is typed: the participants it may already be."""
    slot = _slot_index()
    typed = request.args.get(f"p{slot}_walkin_name", "")
    return render_template(
        "deals/_alike.html", matches=picker.alike(kiosk().evening, typed), slot=slot
    )


@views.get("/deal/party")
def party_picker():
    """Swap one party's picker: search box, chosen participant, or walk-in fields."""
    try:
        index = max(0, min(int(request.args.get("slot", "0")), MAX_PARTIES - 1))
    except ValueError:
        abort(400)
    slot = forms.PartySlot(index=index)
    participant_id = request.args.get("id")
    if participant_id:
        slot.participant = kiosk().evening.participants.get(participant_id)
        if slot.participant is None:
            abort(404)
        slot.mode = forms.MODE_CHOSEN
    elif request.args.get("mode") == forms.MODE_WALK_IN:
        slot.mode = forms.MODE_WALK_IN
    return render_template("deals/_picker.html", slot=slot, SECTORS=SECTORS)


@views.get("/deal/slot")
def extra_party():
    """One more party slot (deals of three or more)."""
    try:
        index = int(request.args.get("index", "2"))
    except ValueError:
        abort(400)
    if not 2 <= index < MAX_PARTIES:
        abort(400)
    slot = forms.PartySlot(index=index)
    html = render_template("deals/_party.html", slot=slot, SECTORS=SECTORS)
    # The party count and the add button travel along out of band, so no script is needed.
    html += render_template(
        "deals/_add_party.html", next_index=index + 1, MAX_PARTIES=MAX_PARTIES, oob=True
    )
    return html


def _form_response(
    template: str, context: dict, status: int, notice: str | None = None, push_url: str = ""
):
    """The form as a fragment for htmx (with the deal list out of band), else the whole page."""
    k = kiosk()
    name = "deals/_deal_form.html" if is_htmx() else template
    html = render_template(name, notice=notice, **_page_context(), **context)
    if is_htmx():
        html += render_template(
            "deals/_my_deals.html",
            deals=k.my_deals(limit=PAGE_DEALS),
            more_deals=max(0, k.my_deal_count() - PAGE_DEALS),
            evening=k.evening,
            oob=True,
        )
    response = make_response(html, status)
    if push_url and is_htmx():
        response.headers["HX-Push-Url"] = push_url
    broker = context["values"].get("broker")
    if status < 400 and broker:
        response.set_cookie(BROKER_COOKIE, broker, max_age=12 * 3600, samesite="Lax")
    return response


# An unanswered choice reads better as "choose one" than as "required".
_CHOOSE = {
    "category": "unknown_category",
    "kind": "unknown_kind",
    "sector": "unknown_sector",
    "participant_id": "too_few_parties",  # an empty party box: "a deal needs two parties"
}


def _errors(failed: ValidationFailed) -> dict[str, str]:
    """One message per field: the first problem found there, in the broker's language."""
    messages: dict[str, str] = {}
    for error in failed.errors:
        code, leaf = error.code, error.field.rsplit(".", 1)[-1]
        if code == "required":
            code = _CHOOSE.get(leaf, code)
        if code == "too_long" and leaf in LIMITS:  # say the limit, never cut the text
            messages.setdefault(error.field, _("error.too_long_n", n=LIMITS[leaf]))
        messages.setdefault(error.field, _(f"error.{code}"))
    return messages


def _untouched(form) -> bool:
    """A form sent as it was rendered after a save: no party, no text, nothing chosen."""
    return not any(
        form.get(f"p{i}_id") or form.get(f"p{i}_gives") or form.get(f"p{i}_walkin_name")
        for i in range(forms.party_count(form))
    ) and not form.get("category")


def _saved_notice(deal) -> str:
    if kiosk().is_closed():
        return _("kiosk.saved_late", number=deal.number)
    return _("kiosk.saved", number=deal.number)


def _fresh_after(deal, broker: str, status: int):
    fresh = _form_context(saved_after=deal.id)
    fresh["values"]["broker"] = broker
    return _form_response(
        "deals/index.html", fresh, status, notice=_saved_notice(deal), push_url="/"
    )


@views.post("/deals")
def register_deal():
    data = forms.deal_from_form(request.form)
    saved_after = request.form.get("saved_after", "")
    if saved_after and _untouched(request.form) and saved_after in kiosk().evening.deals:
        # A tap on "save" again right after a save sends the emptied form: the broker still
        # sees the saved deal's ✓, never "something is missing" over a good save.
        return _fresh_after(kiosk().deal(saved_after), data["broker"], 200)
    try:
        deal = kiosk().register_deal(data, form_key=request.form.get("form_key") or None)
    except ValidationFailed as failed:
        context = _form_context(
            slots=forms.slots_from_form(request.form, kiosk().evening),
            values={**data, "deadline_typed": request.form.get("deadline", "")},
            errors=_errors(failed),
        )
        context["form_key"] = request.form.get("form_key") or context["form_key"]
        return _form_response("deals/index.html", context, 422)
    return _fresh_after(deal, data["broker"], 201)


def _deal_or_404(deal_id: str):
    try:
        return kiosk().deal(deal_id)
    except UnknownDeal:
        abort(404)


@views.get("/deals/<deal_id>/edit")
def edit_deal(deal_id: str):
    deal = _deal_or_404(deal_id)
    context = _form_context(
        slots=forms.slots_from_deal(deal, kiosk().evening),
        values={
            "category": deal.category,
            "kind": deal.kind,
            "deadline": deal.deadline,
            "broker": request.cookies.get(BROKER_COOKIE, deal.broker),
        },
        action=f"/deals/{deal.id}",
        editing=deal,
    )
    return render_template("deals/edit.html", **_page_context(), **context)


@views.post("/deals/<deal_id>")
def correct_deal(deal_id: str):
    deal = _deal_or_404(deal_id)
    data = forms.deal_from_form(request.form)
    try:
        deal = kiosk().correct_deal(deal_id, data)
    except ValidationFailed as failed:
        context = _form_context(
            slots=forms.slots_from_form(request.form, kiosk().evening),
            values={**data, "deadline_typed": request.form.get("deadline", "")},
            errors=_errors(failed),
            action=f"/deals/{deal.id}",
            editing=deal,
        )
        return _form_response("deals/edit.html", context, 422)
    # The new-deal form comes back in place of the correction (a fragment for htmx: the page
    # around it stays), and the address goes back to the start page.
    return _form_response(
        "deals/index.html",
        _form_context(),
        200,
        notice=_("kiosk.corrected", number=deal.number),
        push_url="/",
    )


def _one_deal_page(template: str, deal, code: int = 200, **extra):
    """A page about one deal (void it, undo its void), with the tablet's status bar."""
    page = render_template(
        template, deal=deal, evening=kiosk().evening, status=kiosk().status_dict(), **extra
    )
    return make_response(page, code)


def _list_with_notice(notice: str):
    """The start page (the form and this tablet's deals) with what just happened said on top."""
    return render_template("deals/index.html", notice=notice, **_page_context(), **_form_context())


@views.get("/deals/<deal_id>/void")
def void_form(deal_id: str):
    return _one_deal_page("deals/void.html", _deal_or_404(deal_id), errors={})


@views.post("/deals/<deal_id>/void")
def void_deal(deal_id: str):
    deal = _deal_or_404(deal_id)
    try:
        deal = kiosk().void_deal(deal_id, {"reason": request.form.get("reason", "")})
    except ValidationFailed as failed:
        return _one_deal_page("deals/void.html", deal, 422, errors=_errors(failed))
    return _list_with_notice(_("kiosk.voided", number=deal.number))


@views.get("/deals/<deal_id>/restore")
def restore_form(deal_id: str):
    """The confirmation before a void is taken back: the deal will count again."""
    return _one_deal_page("deals/restore.html", _deal_or_404(deal_id))


@views.post("/deals/<deal_id>/restore")
def restore_deal(deal_id: str):
    _deal_or_404(deal_id)
    try:
        deal = kiosk().undo_void(deal_id)
    except ValidationFailed:
        abort(409)  # nothing to take back here: not voided, or voided by the organiser's ruling
    return _list_with_notice(_("kiosk.restored", number=deal.number))
