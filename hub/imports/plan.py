"""An import, row by row: what each row of the sheet would become, and then storing it.

A row whose consent column says yes is a sign-up with consent (shown in public unless a column
says it may not); a row without is an invitee (in the register, never in the catalogue). A row
like someone already in the register (same organisation number or email, or an alike name),
or like an earlier row of the same sheet, is a duplicate and is not stored: importing the same
file twice changes nothing. A row the rules refuse is reported with every reason. Nothing is
stored until :func:`store` is called, and then all the good rows are stored at once, in one
batch of the hub's journal, or none.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from hub.imports.mapping import MANY, category_in, is_no, is_yes, missing, sector_of
from hub.imports.reading import Table
from hub.participants.duplicates import RegisterIndex, index_of
from hub.service import Hub
from shared.core.checks import ValidationFailed
from shared.participants import rules
from shared.participants.rules import STATUS_INVITED

SIGNUP, INVITEE, DUPLICATE, REFUSED = "signup", "invitee", "duplicate", "refused"
_SPLIT = re.compile(r"\s*(?:\n|;|•|\u2022)\s*")
_NO_ADDRESS = {"anonymous", "anonym", "-"}


@dataclass
class RowResult:
    number: int  # as the spreadsheet numbers it: the header is row 1
    outcome: str
    name: str
    reasons: list[str] = field(default_factory=list)
    duplicate_of: str = ""  # a participant's id, or "row N" of this sheet
    data: dict = field(default_factory=dict)
    stored_as: str = ""  # the participant id it was stored under
    completes: str = ""  # the invitee whose sign-up this row is


@dataclass
class Plan:
    headers: list[str]
    mapping: dict[int, str]
    rows: list[RowResult]
    missing: list[str]
    consent_header: str = ""
    stored: bool = False

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def ok(self) -> bool:
        return not self.missing and self.count(REFUSED) == 0


def _resources(table: Table, mapping: dict[int, str], row: list[str], kind: str) -> list[dict]:
    singular = kind[:-1]
    category_column = next((i for i, f in mapping.items() if f == f"{singular}_category"), None)
    given = category_in(row[category_column]) if category_column is not None else None
    found = []
    for index, name in mapping.items():
        if name != kind:
            continue
        from_header = category_in(table.headers[index]) if kind in MANY else None
        for text in filter(None, _SPLIT.split(row[index])):
            prefix, colon, rest = text.partition(":")
            category = from_header or given
            if category is None and colon and category_in(prefix):
                category, text = category_in(prefix), rest.strip()
            category = category or category_in(text) or ""
            found.append({"category": category, "text": text})
    return found


def _value(mapping: dict[int, str], row: list[str], name: str) -> str:
    for index, mapped in mapping.items():
        if mapped == name:
            return row[index].strip()
    return ""


def row_data(table: Table, mapping: dict[int, str], row: list[str]) -> dict:
    consent = is_yes(_value(mapping, row, "consent"))
    email = _value(mapping, row, "email")
    sector_text = _value(mapping, row, "sector")
    return {
        "name": _value(mapping, row, "name"),
        "orgnr": _value(mapping, row, "orgnr"),
        "sector": sector_of(sector_text) or sector_text,
        "contact_person": _value(mapping, row, "contact_person"),
        "email": "" if email.casefold() in _NO_ADDRESS else email,
        "phone": _value(mapping, row, "phone"),
        "needs": _resources(table, mapping, row, "needs"),
        "offers": _resources(table, mapping, row, "offers"),
        "consent": consent,
        # With consent, shown in public unless a column says no (an empty cell is no "no")
        "show_public": consent and not is_no(_value(mapping, row, "show_public")),
    }


def _checked(data: dict) -> tuple[str, dict | None, list[str]]:
    try:
        if data["consent"]:
            return SIGNUP, rules.validate_signup(data), []
        return INVITEE, rules.validate_invitee(data), []
    except ValidationFailed as failed:
        return REFUSED, None, [f"{e.field}: {e.code}" for e in failed.errors]


def plan(
    table: Table,
    mapping: dict[int, str],
    register: RegisterIndex,
    invitees: frozenset[str] = frozenset(),
) -> Plan:
    """What each row would become, against the register as ``register`` holds it
    (``invitees``: those of it who were invited and have not signed up)."""
    consent_column = next((i for i, f in mapping.items() if f == "consent"), None)
    result = Plan(
        headers=table.headers,
        mapping=mapping,
        rows=[],
        missing=missing(mapping),
        consent_header=table.headers[consent_column] if consent_column is not None else "",
    )
    if result.missing:
        return result
    earlier = RegisterIndex([])
    for offset, row in enumerate(table.rows):
        number = offset + 2
        data = row_data(table, mapping, row)
        outcome, clean, reasons = _checked(data)
        orgnr = clean["orgnr"] if clean else data["orgnr"]
        entry = RowResult(number, outcome, data["name"], reasons, data=clean or data)
        found = register.match(data["name"], orgnr, data["email"])
        again = earlier.match(data["name"], orgnr, data["email"])
        _against_the_register(entry, found, again, invitees)
        if data["name"]:
            earlier.add(str(number), data["name"], orgnr, data["email"])
        result.rows.append(entry)
    return result


def _against_the_register(entry: RowResult, found, again, invitees: frozenset[str]) -> None:
    """A row like someone already there is a duplicate, except a sign-up of someone invited:
    that completes their invitation (the actor sheet first, the form's answers after)."""
    if found is not None:
        if entry.outcome == SIGNUP and found.participant_id in invitees and again is None:
            entry.completes = found.participant_id
        else:
            entry.outcome = DUPLICATE
        entry.duplicate_of, entry.reasons = found.participant_id, [*found.reasons]
    elif again is not None:
        entry.outcome, entry.duplicate_of = DUPLICATE, "row " + again.participant_id
        entry.reasons = list(again.reasons)


def invitees_of(hub: Hub) -> frozenset[str]:
    """Who is in the register as invited only (their sign-up may come in an import)."""
    return frozenset(
        p.id
        for p in hub.evening.participants.values()
        if p.status == STATUS_INVITED and p.merged_into is None
    )


def preview(hub: Hub, table: Table, mapping: dict[int, str]) -> Plan:
    with hub.evening.lock.reading():
        index, invitees = index_of(hub), invitees_of(hub)
    return plan(table, mapping, index, invitees)


def store(hub: Hub, table: Table, mapping: dict[int, str]) -> Plan:
    """Store every good row in one batch; the plan is made again while nothing else can be
    stored, so two imports of one file at once still store each row once."""

    def command(journal) -> Plan:
        with hub.evening.lock.reading():
            fresh = plan(table, mapping, index_of(hub), invitees_of(hub))
            recorded = hub.evening.participants.consent_texts
        if fresh.missing:
            return fresh
        digest = ""
        if fresh.count(SIGNUP):
            text = fresh.consent_header or "Samtykke"
            digest = rules.consent_digest(text)
            if digest not in recorded:
                journal.record_consent_text("nb", text)
        for row in fresh.rows:
            _store_row(hub, journal, row, digest)
        fresh.stored = True
        return fresh

    return hub.record(command)


def _store_row(hub: Hub, journal, row: RowResult, digest: str) -> None:
    if row.outcome not in (SIGNUP, INVITEE):
        return
    participant_id = row.completes or str(uuid.uuid4())
    contact = row.data["contact"]
    sealed = hub.contacts.seal(participant_id, contact) if any(contact.values()) else ""
    flat = {**row.data, **contact, "consent": True}
    if row.outcome == SIGNUP:
        with hub.evening.lock.reading():
            invited = hub.evening.participants.get(row.completes) if row.completes else None
        journal.sign_up_participant(participant_id, flat, sealed, digest, "import", invited)
    else:
        journal.invite_participant(participant_id, flat, sealed, "import")
    row.stored_as = participant_id
