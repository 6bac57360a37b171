"""The organiser's import page (``/participants/import``): upload a sheet, see the mapping it
guessed and what each row would become, change the mapping, then confirm. Nothing is in the
register until the organiser confirms; the confirmation stores the good rows in one batch.

Thin views over :mod:`hub.imports.plan`; the sheet waits between the steps in
:class:`hub.imports.pending.PendingSheets`. The page is the register's (its blueprint, its
login, its templates).
"""

from __future__ import annotations

from flask import make_response, render_template, request

from hub.imports import plan as plans
from hub.imports.mapping import FIELDS, IGNORE, guess_mapping
from hub.imports.pending import PendingSheets
from hub.imports.reading import MAX_BYTES, UnreadableSheet, read_sheet
from hub.participants.blueprint import participants
from hub.web import current_hub
from shared.web import _


def field_labels() -> dict[str, str]:
    return {
        "name": _("signup.organisation"),
        "orgnr": _("signup.orgnr"),
        "sector": _("kiosk.sector"),
        "contact_person": _("hub.contact_person"),
        "email": _("hub.email"),
        "phone": _("hub.phone"),
        "needs": _("signup.needs"),
        "offers": _("signup.offers"),
        "need_category": _("import.need_category"),
        "offer_category": _("import.offer_category"),
        "consent": _("signup.consent"),
        "show_public": _("signup.shown"),
        IGNORE: _("import.ignore"),
    }


def reason_words(reason: str) -> str:
    """``"email: invalid_email"`` in the organiser's words: the field, then what is wrong."""
    field, _sep, code = reason.partition(": ")
    label = field_labels().get(field.split(".")[0], field)
    return f"{label}: {_(f'error.{code}')}" if code else reason


def _page(status: int = 200, **shown):
    labels = field_labels()
    result = shown.get("result")
    html = render_template(
        "participants/import.html",
        labels=labels,
        missing_labels=", ".join(labels[f] for f in result.missing) if result else "",
        FIELDS=(*FIELDS, IGNORE),
        reason_words=reason_words,
        names={p.id: p.name for p in current_hub().evening.participants.values()},
        max_mb=MAX_BYTES // (1024 * 1024),
        active="participants",
        **shown,
    )
    return make_response(html, status)


def _mapping_from_form(headers: list[str]) -> dict[int, str]:
    guessed = guess_mapping(headers)
    chosen = {}
    for index in range(len(headers)):
        value = request.form.get(f"map_{index}", "")
        chosen[index] = value if value in (*FIELDS, IGNORE) else guessed[index]
    return chosen


def _pending():
    return PendingSheets(current_hub().data_dir)


@participants.get("/participants/import")
def import_page():
    return _page()


@participants.post("/participants/import")
def upload_or_confirm():
    """One URL, three steps: ``upload`` a file, ``preview`` again with another mapping,
    ``confirm`` to store."""
    step = request.form.get("step", "upload")
    if step == "upload":
        upload = request.files.get("sheet")
        if upload is None or not upload.filename:
            return _page(422, error="import_no_file")
        raw = upload.stream.read(MAX_BYTES + 1)
        sheet = _pending().keep(raw, upload.filename) if len(raw) <= MAX_BYTES else ""
        return _preview(sheet, raw, upload.filename, None)
    sheet = request.form.get("sheet", "")
    held = _pending().read(sheet)
    if held is None:
        return _page(409, error="import_gone")
    raw, filename = held
    return _preview(sheet, raw, filename, step)


def _preview(sheet: str, raw: bytes, filename: str, step: str | None):
    try:
        table = read_sheet(raw, filename)
    except UnreadableSheet as unreadable:
        _pending().drop(sheet)
        return _page(422, error=f"import_{unreadable.code}")
    mapping = _mapping_from_form(table.headers) if step else guess_mapping(table.headers)
    hub = current_hub()
    if step == "confirm":
        result = plans.store(hub, table, mapping)
        if result.stored:
            _pending().drop(sheet)
            return _page(201, result=result, filename=filename, done=True)
    else:
        result = plans.preview(hub, table, mapping)
    status = 422 if result.missing else 200
    return _page(status, result=result, filename=filename, sheet=sheet, table=table)
