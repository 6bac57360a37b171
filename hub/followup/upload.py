"""An uploaded workbook made into events: what the sheet changed since its revision is
recorded, what meets a newer change on the board is held beside it (see
:mod:`hub.followup.workbook`). All rows or none: one wrong cell refuses the upload."""

from __future__ import annotations

from hub.followup import workbook
from hub.followup.desk import notes_of
from shared.core.checks import FieldError, ValidationFailed
from shared.followup import rules


def _values(card, deal, notes) -> dict:
    return {
        "status": card.status,
        "reason": card.reason,
        "last_contact": card.last_contact,
        "next_contact": card.next_contact or deal.deadline,
        "notes": notes.open(card.notes),
    }


def _split(row, deal, followup, notes) -> tuple[dict, dict]:
    """(changes to record, changes to hold) of one sheet row."""
    base = _values(followup.card(deal.id, upto=row.revision), deal, notes)
    card = followup.card(deal.id)
    now = _values(card, deal, notes)
    record, hold = {}, {}
    for name in workbook.EDITABLE:
        value = row.values[name]
        if value in (base[name], now[name]):
            continue  # not changed in the sheet, or the board has it already
        if card.field_revisions.get(name, 0) > row.revision:
            hold[name] = value  # the board changed this field since the sheet was made
        else:
            record[name] = value
    return record, hold


def _checked(changes: dict, line: int, current_reason: str, problems: list) -> dict:
    try:
        return rules.validate_change(changes, current_reason=current_reason)
    except ValidationFailed as failed:
        problems += [FieldError(f"{line}.{e.field}", e.code) for e in failed.errors]
        return {}


def plan(hub, rows: list) -> workbook.Plan:
    evening, notes = hub.evening, notes_of(hub)
    result, problems = workbook.Plan(), []
    for row in rows:
        deal = evening.deals.get(row.deal_id)
        if deal is None or deal.voided:
            result.unknown.append(row.line)
            continue
        record, hold = _split(row, deal, evening.followup, notes)
        if not record and not hold:
            result.unchanged += 1
            continue
        reason = record.get("reason", evening.followup.card(deal.id).reason)
        if record:
            result.record[deal.id] = _checked(record, row.line, reason, problems)
        if hold:
            result.hold[deal.id] = (_checked(hold, row.line, "-", problems), row.revision)
    if problems:
        raise ValidationFailed(problems)
    return result


def _sealed(changes: dict, notes) -> dict:
    if "notes" in changes:
        return {**changes, "notes": notes.seal(changes["notes"])}
    return changes


def upload(hub, data: bytes) -> workbook.Plan:
    """Read ``data`` and record what it changed; the plan says what happened."""
    rows = workbook.read(data)
    notes = notes_of(hub)

    def command(journal):
        done = plan(hub, rows)
        for deal_id, changes in done.record.items():
            journal.record_followup(deal_id, _sealed(changes, notes), "workbook")
        for deal_id, (changes, base) in done.hold.items():
            journal.hold_followup_change(deal_id, _sealed(changes, notes), base)
        return done

    return hub.record(command)


def settle(hub, deal_id: str, held_id: str, take: bool) -> None:
    def command(journal):
        held = hub.evening.followup.card(deal_id).held.get(held_id)
        if held is None:
            raise ValidationFailed([FieldError("held", "already_settled")])
        step, _ = held
        journal.settle_held_change(deal_id, held_id, take, step.changes)

    hub.record(command)
