"""What the next evening starts with, taken from the one being closed.

- The register, within consent and retention: someone who signed up with consent to the
  register's purpose, or an invitee the organiser put on the sheet, comes back as an invitee
  (next year's invitations start from them; signing up again asks for consent again). Walk-ins
  (no consent to a register), withdrawn, erased or merged-away participants and anyone whose
  retention date has passed are left in the archive. The same participant id and the same
  sealed contact: the contact vault is kept across evenings, so erasing someone later erases
  the contact details in the archive too (their key is gone).
- The records: every earlier evening's figures and this evening's own, as typed-in records of
  the new store, so the report and the stage screen compare with them.
- The settings: the evening's plan (with the next date, when given), the screen, the social
  value per category, the follow-up's asking. Devices, keys and the vault are files and stay.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from shared.evening import Evening
from shared.journal import Journal
from shared.participants.rules import STATUS_INVITED, STATUS_SIGNED_UP

RECORD_NAMESPACE = uuid.UUID("5b0c7c8e-8f51-4c9e-9a55-1c3f7d0a2e61")


def _retention_passed(evening: Evening, today: dt.date) -> bool:
    retention = (evening.participants.signup_settings or {}).get("retention") or ""
    return bool(retention) and dt.date.fromisoformat(retention) < today


def carried_participants(evening: Evening, today: dt.date) -> list:
    """The participants the next evening's register starts with."""
    if _retention_passed(evening, today):
        return []
    kept = []
    for person in evening.participants.values():
        if person.merged_into is not None or person.erased or person.walk_in:
            continue
        if evening.privacy.is_erased(person.id):
            continue
        if person.status == STATUS_INVITED or (
            person.status == STATUS_SIGNED_UP and person.consented
        ):
            kept.append(person)
    return kept


def records(evening: Evening) -> list[dict]:
    """Every evening's figures the next one compares with: the earlier ones and this one."""
    stage = evening.stage
    rows = {f.key: f for f in stage.earlier_evenings()}
    own = next((f for f in stage.kept_figures() if f.key == stage.current_key()), None)
    if own is not None:
        rows[own.key] = own
    figures = [
        {"name": f.name, "date": f.date, "deals": f.deals, "participants": f.participants}
        for f in rows.values()
    ]
    settings = evening.settings or {}
    if own is None and settings.get("date"):  # closed without its gong: the figures as they are
        figures.append(
            {
                "name": settings.get("name", ""),
                "date": settings["date"],
                "deals": evening.deals.counted,
                "participants": evening.participants.unmerged,
            }
        )
    return figures


def _record_id(figures: dict) -> str:
    return str(uuid.uuid5(RECORD_NAMESPACE, f"{figures['name']}|{figures['date']}"))


def carry_over(journal: Journal, old: Evening, contact_of, next_date: str, today: dt.date) -> dict:
    """Record on the new evening's journal what it starts with; the counts of each."""
    settings = dict(old.settings or {})
    if settings and next_date:
        journal.schedule_evening({**settings, "date": next_date})
    screen = getattr(old.stage, "screen", None)
    if dataclasses.is_dataclass(screen):
        journal.configure_screen(dataclasses.asdict(screen))
    for category, kroner in old.followup.category_values().items():
        journal.set_category_value({"category": category, "kroner": str(kroner)})
    if old.followup.asking:
        journal.set_followup_asking(True)
    for figures in records(old):
        journal.record_earlier_evening(_record_id(figures), figures)
    people = carried_participants(old, today)
    for person in people:
        invitee = {
            "name": person.name,
            "orgnr": person.orgnr,
            "sector": person.sector,
            "needs": person.needs,
            "offers": person.offers,
            "logo": person.logo,
            **(contact_of(person.id, person.contact_sealed) or {}),
        }
        journal.invite_participant(person.id, invitee, person.contact_sealed, "import")
    return {"participants": len(people), "records": len(records(old))}
