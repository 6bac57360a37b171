"""The participant's form as the sign-up, the participant's own page and the organiser's edit
share it: rows of needs and offers, and the errors shown beside each field.

A row left empty is dropped before the rules see the list, so the rules' index of a need is not
always the row's: :class:`ParticipantForm` keeps the mapping and puts each error back beside
the row it belongs to, with everything typed kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hub.web import form_errors
from shared.core.checks import ValidationFailed
from shared.participants.rules import MAX_RESOURCES

KINDS = ("needs", "offers")
FIRST_ROWS = 2  # rows of each shown on a fresh form; "add one more" adds a row, no JS needed
TEXT_FIELDS = ("name", "orgnr", "sector", "contact_person", "email", "phone")


@dataclass
class ParticipantForm:
    values: dict = field(default_factory=dict)  # what was typed, field by field
    rows: dict = field(default_factory=dict)  # kind -> [{"category", "text"}] as typed
    kept: dict = field(default_factory=dict)  # kind -> the typed row of each kept resource
    errors: dict = field(default_factory=dict)

    @classmethod
    def blank(cls) -> ParticipantForm:
        rows = {kind: [{"category": "", "text": ""} for _ in range(FIRST_ROWS)] for kind in KINDS}
        return cls(values={}, rows=rows)

    @classmethod
    def of_participant(cls, view, contact: dict) -> ParticipantForm:
        """A form filled with what is known of a participant (an edit, an invitation)."""
        values = {
            "name": view.name,
            "orgnr": view.orgnr,
            "sector": view.sector,
            **{k: contact.get(k, "") for k in ("contact_person", "email", "phone")},
            "show_public": view.show_public,
            "logo": view.logo,
        }
        rows = {kind: [dict(r) for r in getattr(view, kind)] for kind in KINDS}
        for kind in KINDS:
            rows[kind] += [{"category": "", "text": ""}] * max(1, FIRST_ROWS - len(rows[kind]))
        return cls(values=values, rows=rows)

    @classmethod
    def read(cls, form) -> ParticipantForm:
        values = {name: form.get(name, "") for name in TEXT_FIELDS}
        values["show_public"] = form.get("show_public") == "on"
        values["consent"] = form.get("consent") == "on"
        values["logo"] = form.get("logo_ref", "")
        rows = {kind: _rows(form, kind) for kind in KINDS}
        adding = form.get("add")
        if adding in KINDS and len(rows[adding]) < MAX_RESOURCES:
            rows[adding].append({"category": "", "text": ""})
        return cls(values=values, rows=rows)

    def data(self) -> dict:
        """What the rules read: the typed fields and the rows that are not empty."""
        self.kept = {}
        resources = {}
        for kind in KINDS:
            rows = self.rows[kind]
            self.kept[kind] = [i for i, r in enumerate(rows) if r["category"] or r["text"]]
            resources[kind] = [self.rows[kind][i] for i in self.kept[kind]]
        return {**self.values, **resources}

    def refused(self, failed: ValidationFailed) -> ParticipantForm:
        """Each error of the rules beside its own row and field, in the page's language."""
        shown = {}
        for name, message in form_errors(failed).items():
            kind, _, rest = name.partition(".")
            if kind in KINDS and rest:
                index, _, part = rest.partition(".")
                if index.isdigit() and int(index) < len(self.kept.get(kind, ())):
                    name = f"{kind}.{self.kept[kind][int(index)]}.{part}"
            shown[name] = message
        self.errors = shown
        return self


def _rows(form, kind: str) -> list[dict]:
    singular = kind[:-1]
    rows = []
    for index in range(MAX_RESOURCES):
        category = form.get(f"{singular}_category_{index}")
        text = form.get(f"{singular}_text_{index}")
        if category is None and text is None:
            break
        rows.append({"category": category or "", "text": (text or "").strip()})
    return rows or [{"category": "", "text": ""}]
