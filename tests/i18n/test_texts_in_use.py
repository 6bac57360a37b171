"""Every text a page, a view or an export asks for is in both catalogs.

Literal ids are read from the templates and the Python source (:mod:`tests.i18n.usage`). An id
built from a code (``_('sector.' ~ s)``, ``_(f"error.{code}")``) belongs to a family below,
checked for every code the product can give it: the vocabulary, the rules' error codes, the
refusals, the conflict kinds. A new family fails here until it is listed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hub.deals import export
from hub.deals.status import STATUSES as DEAL_STATUSES
from hub.followup.texts import TEXT_FAMILIES as FOLLOWUP_FAMILIES
from hub.mail.presenter import TEXT_FAMILIES as MAIL_FAMILIES
from hub.reports.texts import TEXT_FAMILIES as REPORT_FAMILIES
from kiosk.checkin.service import REFUSALS as DOOR_REFUSALS
from shared.core.vocabulary import CATEGORIES, DEAL_KINDS, SECTORS, UNKNOWN_SECTOR
from shared.participants.projection import Participants
from shared.participants.rules import BY, SIGNUP_MODES, SOURCES, STATUSES
from shared.stage.projection import PHASE_AFTER, PHASE_BEFORE, PHASE_DURING
from tests.i18n.catalog import LANGUAGES, entry
from tests.i18n.usage import ROOT, Use, python_uses, template_uses

CONFLICT_KINDS = ("versions", "void_vs_edit", "double_registration", "walk_in")
CONFLICT_NOTICES = ("gone", "storage")  # hub/conflicts/views.py shows these after a ruling
EXPORT_STATUSES = ("ok", "voided", "conflict", "late", "double")
NOT_FACTS = {"ConsentTextRecorded", "SignUpConfigured"}  # not in a participant's history

# Calls that name no id because the ids are checked elsewhere (file -> function -> why).
CHECKED_ELSEWHERE = {
    ("hub/deals/export.py", "headers"): "test_every_export_header_is_in_both_catalogs",
    ("hub/deals/export.py", "participant_headers"): "test_every_export_header_is_in_both_catalogs",
}


def _strings(node: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _calls(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                yield name, node


def error_codes() -> set[str]:
    """Every code a rule can give a field: ``add(field, code)``, ``FieldError(field, code)``,
    ``choice(..., code=...)`` anywhere in the shared package."""
    codes = set()
    for name, call in _calls("shared"):
        if name in ("add", "FieldError") and len(call.args) == 2:
            codes.update(_strings(call.args[1]))
        if name == "choice":
            codes.update(s for k in call.keywords if k.arg == "code" for s in _strings(k.value))
    return codes


def refusal_codes() -> set[str]:
    """Every code the organiser's pages refuse with (``refuse(code, status)``)."""
    return {
        call.args[0].value
        for name, call in _calls("hub")
        if name == "refuse" and call.args and isinstance(call.args[0], ast.Constant)
    }


FAMILIES: dict[str, tuple[str, ...]] = {
    "sector.": (*SECTORS, UNKNOWN_SECTOR),
    "category.": CATEGORIES,
    "kind.": DEAL_KINDS,
    "screen.someone.": (*SECTORS, UNKNOWN_SECTOR),
    "screen.sector_short.": SECTORS,
    "screen.category_short.": CATEGORIES,
    "controls.phase.": (PHASE_BEFORE, PHASE_DURING, PHASE_AFTER),
    "error.": tuple(sorted(error_codes())),
    "auth.": tuple(sorted(refusal_codes())),
    "conflicts.": CONFLICT_KINDS + CONFLICT_NOTICES,
    "export.status.": EXPORT_STATUSES,
    # the deal list's marks, the to-resolve page's fields, the gong's questions (issue 11)
    "hub.status.": ("ok", *DEAL_STATUSES),
    "conflicts.field.": ("parties", "category", "kind", "deadline", "broker"),
    "confirm.gong_": ("open", "close", "open_yes", "close_yes"),
    # the organiser's register (issue 12)
    "register.mode.": SIGNUP_MODES,
    "register.status.": (*STATUSES, "walk_in"),
    "register.source.": (*SOURCES, "none"),
    "register.by.": (*BY, *(s for s in SOURCES if s != "organiser")),
    "register.because.": ("orgnr", "email", "name"),
    "register.fact.": tuple(sorted(Participants.handles.keys() - NOT_FACTS)),
    # the mail room (issue 13)
    **MAIL_FAMILIES,
    # the follow-up (issue 15)
    **FOLLOWUP_FAMILIES,
    # the report and the lasting map (issue 16)
    **REPORT_FAMILIES,
    # check-in at the door (issue 14)
    "checkin.error.": DOOR_REFUSALS,
}

USES = template_uses() + python_uses()


def _missing(uses: list[Use], lang: str) -> list[str]:
    gaps = []
    for use in uses:
        message = entry(use.id, lang)
        if message is None or not all(message.string if message.pluralizable else [message.string]):
            gaps.append(f"{use.where}: {use.id}")
        elif message.pluralizable != use.plural:
            kind = "plural" if message.pluralizable else "singular"
            gaps.append(f"{use.where}: {use.id} is {kind} in the catalog")
    return gaps


def test_the_reading_finds_the_texts_we_know_of():
    literal = {u.id for u in USES if u.literal}
    assert {"screen.closed", "kiosk.save", "error.page_text", "auth.wrong_password"} <= literal
    assert {"screen.deals", "controls.late"} <= {u.id for u in USES if u.plural}
    assert len(literal) > 150


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_literal_text_is_in_the_catalog(lang):
    assert _missing([u for u in USES if u.literal], lang) == []


def test_a_plural_call_repeats_its_id():
    assert [u.where for u in USES if u.plural and u.plural_id != u.id] == []


def test_every_built_id_belongs_to_a_known_family():
    unknown = sorted({f"{u.where}: {u.prefix}" for u in USES if u.prefix not in (None, *FAMILIES)})
    assert unknown == []


def test_every_call_names_its_id_or_hands_on_its_callers():
    unnamed = [
        u.where
        for u in USES
        if not u.literal
        and u.prefix is None
        and not u.passed_on
        and (u.where.split(":")[0], u.function) not in CHECKED_ELSEWHERE
    ]
    assert unnamed == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("prefix", sorted(FAMILIES))
def test_every_member_of_a_family_is_in_the_catalog(prefix, lang):
    assert FAMILIES[prefix], f"no codes found for {prefix}"
    uses = [Use("family", prefix + code, None) for code in FAMILIES[prefix]]
    assert _missing(uses, lang) == []


def test_the_rules_error_codes_are_found():
    assert {"required", "too_long", "unknown_sector", "invalid_date", "invalid_url"} <= set(
        FAMILIES["error."]
    )
    assert {"untrusted_host", "admin_local_only"} <= set(FAMILIES["auth."])


def test_the_conflict_kinds_listed_here_are_those_the_projection_finds():
    source = (ROOT / "shared" / "conflicts" / "projection.py").read_text(encoding="utf-8")
    assert all(f'"{kind}"' in source for kind in CONFLICT_KINDS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_export_header_is_in_both_catalogs(lang):
    uses = [Use("hub/deals/export.py", key, None) for _, key, _ in export.COLUMNS]
    uses += [Use("hub/deals/export.py", key, None) for _, key in export.PARTICIPANT_COLUMNS]
    assert _missing(uses, lang) == []
    assert all("export.column." not in title for _, title in export.headers(lang))
    assert all("export.column." not in t for _, t in export.participant_headers(lang))


def test_every_template_is_read():
    read = {u.where.split(":")[0] for u in template_uses()}
    every = {str(p.relative_to(ROOT)) for p in (ROOT / "kiosk").rglob("templates/**/*.html")}
    assert {t for t in every if "_(" in (ROOT / t).read_text()} <= read
    assert Path("shared/web/templates/common/base.html").as_posix() in read
