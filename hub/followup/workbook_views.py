"""``/followup.xlsx``: the board as a workbook, and the same workbook uploaded back (on the
board's page); a held change taken or let go on the deal's page."""

from __future__ import annotations

import datetime as dt

from flask import Response, redirect, request

from hub.followup import board, desk, upload, workbook
from hub.followup.blueprint import followup
from hub.followup.views import board_with_problems
from hub.web import current_hub, form_errors
from shared.core.checks import FieldError, ValidationFailed
from shared.web import current_language

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@followup.get("/followup.xlsx")
def download():
    hub = current_hub()
    rows = board.rows(hub.evening, desk.today())
    data = workbook.write(rows, desk.notes_of(hub), current_language())
    name = f"oppfolging-{dt.date.today().isoformat()}.xlsx"
    return Response(
        data, mimetype=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@followup.post("/followup.xlsx")
def upload_back():
    sent = request.files.get("file")
    try:
        if sent is None or not sent.filename:
            raise ValidationFailed([FieldError("file", "required")])
        done = upload.upload(current_hub(), sent.read())
    except ValidationFailed as failed:
        return board_with_problems(failed), 422
    held, recorded = len(done.hold), len(done.record)
    return redirect(f"/followup?recorded={recorded}&held={held}&unknown={len(done.unknown)}", 303)


@followup.post("/followup/<deal_id>/held/<held_id>")
def settle_held(deal_id: str, held_id: str):
    desk.counted_deal(current_hub(), deal_id)
    try:
        upload.settle(current_hub(), deal_id, held_id, request.form.get("take") == "sheet")
    except ValidationFailed as failed:
        form_errors(failed)
    return redirect(f"/followup/{deal_id}", 303)
