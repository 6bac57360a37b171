"""The organiser's follow-up board (``/followup``), one deal's card and history
(``/followup/<deal>``), and ``GET /api/followup``. Organiser only (the default)."""

from __future__ import annotations

from flask import jsonify, redirect, render_template, request

from hub.followup import asking, board, board_html, desk, stories
from hub.followup.blueprint import followup
from hub.mail import current_mailroom
from hub.web import current_hub, form_errors, reachable_url
from shared.core.checks import ValidationFailed
from shared.core.vocabulary import SECTORS
from shared.followup.rules import STATUSES
from shared.web import _, current_language

CHANGE_FORM_FIELDS = ("status", "reason", "last_contact", "next_contact", "notes")


def _board_page(notice: str = "", problems: list | None = None):
    hub = current_hub()
    all_rows = board.rows(hub.evening, desk.today())
    filters = board.clean_filters(request.args)
    shown = [r for r in all_rows if board.wanted(r, filters)]
    return render_template(
        "followup/board.html",
        active="followup",
        rows=shown,
        total=len(all_rows),
        counts=board.counts(all_rows),
        filters=filters,
        asking=hub.evening.followup.asking,
        notice=notice,
        problems=problems or [],
        rows_html=board_html.rows_html(shown, board.Labels(current_language())),
        STATUSES=STATUSES,
        SECTORS=SECTORS,
        VIEWS=board.VIEWS,
    )


def _notice(args) -> str:
    if args.get("asked", "").isdigit():
        return _("followup.asked", n=args["asked"])
    if args.get("recorded", "").isdigit():
        figures = {k: int(args.get(k, "0") or 0) for k in ("recorded", "held", "unknown")}
        return _("followup.uploaded", **figures)
    return ""


def board_with_problems(failed: ValidationFailed):
    """The board with what is wrong in an uploaded workbook, cell by cell."""
    problems = [(e.field, _(f"error.{e.code}")) for e in failed.errors]
    return _board_page(problems=problems)


@followup.get("/followup")
def board_page():
    return _board_page(_notice(request.args))


@followup.get("/api/followup")
def board_api():
    hub = current_hub()
    all_rows = board.rows(hub.evening, desk.today())
    filters = board.clean_filters(request.args)
    return jsonify(
        {
            "today": desk.today().isoformat(),
            "asking": hub.evening.followup.asking,
            "counts": board.counts(all_rows),
            "deals": [board.row_json(r, hub) for r in all_rows if board.wanted(r, filters)],
        }
    )


def _deal_page(deal_id: str, errors: dict | None = None, values: dict | None = None, status=200):
    hub = current_hub()
    deal = desk.counted_deal(hub, deal_id)
    row = board.row_of(hub.evening, deal, desk.today())
    notes = desk.notes_of(hub)
    current = {
        "status": row.card.status,
        "reason": row.card.reason,
        "last_contact": row.card.last_contact,
        "next_contact": row.card.next_contact,
        "notes": notes.open(row.card.notes),
    }
    page = render_template(
        "followup/deal.html",
        active="followup",
        row=row,
        values=values or current,
        errors=errors or {},
        history=list(reversed(row.card.history)),
        held=[(held_id, step, base) for held_id, (step, base) in row.card.held.items()],
        open_note=notes.open,
        contact_of=hub.contact_of,
        value=hub.evening.followup.value_of(deal.id, deal.category),
        name_of=lambda pid: p.name if (p := hub.evening.participants.get(pid)) else "?",
        STATUSES=STATUSES,
    )
    return page, status


@followup.get("/followup/<deal_id>")
def deal_page(deal_id: str):
    return _deal_page(deal_id)


@followup.post("/followup/<deal_id>")
def change_deal(deal_id: str):
    values = {f: request.form.get(f, "") for f in CHANGE_FORM_FIELDS}
    try:
        desk.change(current_hub(), deal_id, values)
    except ValidationFailed as failed:
        if set(failed.codes().values()) == {"nothing_changed"}:
            return redirect(f"/followup/{deal_id}", 303)
        return _deal_page(deal_id, form_errors(failed), values, 422)
    return redirect(f"/followup/{deal_id}?saved=1", 303)


@followup.post("/followup/ask")
def ask_now():
    mailroom = current_mailroom()
    base = mailroom.settings.load().public_url or reachable_url()
    asked = asking.ask(current_hub(), mailroom.outbox, desk.today(), base, current_language())
    return redirect(f"/followup?asked={asked}", 303)


@followup.post("/followup/asking")
def set_asking():
    desk.set_asking(current_hub(), request.form.get("on") == "1")
    return redirect("/followup", 303)


@followup.post("/followup/<deal_id>/story")
def mark_story(deal_id: str):
    consents = request.form.getlist("consent")
    try:
        stories.mark(current_hub(), deal_id, request.form.get("text", ""), consents)
    except ValidationFailed as failed:
        return _deal_page(deal_id, form_errors(failed), None, 422)
    return redirect(f"/followup/{deal_id}?saved=1", 303)


@followup.get("/followup/stories")
def story_list():
    hub = current_hub()
    found = stories.stories(hub.evening)
    ready = [s for s in found if s.ready]
    return render_template(
        "followup/stories.html",
        active="followup",
        ready=ready,
        waiting=[s for s in found if not s.ready],
        copy=stories.copy_text(hub.evening, ready, current_language()) if ready else "",
    )


@followup.post("/followup/<deal_id>/value")
def estimate_value(deal_id: str):
    hub = current_hub()
    desk.counted_deal(hub, deal_id)
    raw = request.form.get("kroner", "").replace(" ", "") or "0"
    try:
        hub.record("estimate_deal_value", deal_id, {"kroner": raw})
    except ValidationFailed as failed:
        return _deal_page(deal_id, form_errors(failed), None, 422)
    return redirect(f"/followup/{deal_id}?saved=1", 303)
