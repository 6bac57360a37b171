"""``bors hub import --data DIR FILE [--dry-run] [--map COLUMN=FIELD ...]``.

Prints the mapping it guessed (or was given), then one line per row (stored, duplicate of,
refused and why) and a summary. Nothing is stored with ``--dry-run``; without it, the good rows
are stored in one batch and the refused ones are left for the organiser to correct (importing
the corrected file again stores only them: the rows already stored are duplicates now).

Exit codes: 0 every row was good; 1 some rows were refused; 2 nothing was stored because the
file, a ``--map`` or the folder would not do (unreadable, a needed column not mapped, a hub
running on the folder).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hub.folder import FolderInUse, FolderLock
from hub.imports import plan as plans
from hub.imports.mapping import FIELDS, IGNORE, guess_mapping
from hub.imports.reading import Table, UnreadableSheet, read_path
from shared.i18n import translate

EXIT_OK, EXIT_REFUSED_ROWS, EXIT_NOT_IMPORTED = 0, 1, 2
LANG = "en"  # the command line speaks English, as bors' other commands do


class BadMapping(ValueError):
    """A ``--map`` that is not ``COLUMN=FIELD`` with a known field."""


def parse_maps(given: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["Navn=name", "Kommentar=ignore"]`` → ``{"Navn": "name", "Kommentar": "ignore"}``."""
    mapping = {}
    for item in given:
        column, equals, field = item.rpartition("=")
        field = field.strip()
        if not equals or not column.strip():
            raise BadMapping(f"--map {item!r}: write it as COLUMN=FIELD")
        if field not in (*FIELDS, IGNORE):
            known = ", ".join((*FIELDS, IGNORE))
            raise BadMapping(f"--map {item!r}: {field!r} is not one of {known}")
        mapping[column.strip()] = field
    return mapping


def unknown_columns(table: Table, given: dict[str, str]) -> list[str]:
    from hub.imports.mapping import fold

    headers = {fold(h) for h in table.headers}
    return [column for column in given if fold(column) not in headers]


def reason_in_words(reason: str) -> str:
    """``"email: invalid_email"`` → ``"email: invalid_email (Invalid email address.)"``."""
    code = reason.partition(": ")[2]
    if not code:
        return reason
    words = translate(f"error.{code}", LANG)
    return reason if words == f"error.{code}" else f"{reason} ({words})"


def row_line(row: plans.RowResult, names: Callable[[str], str]) -> str:
    who = row.name or "(no name)"
    if row.outcome == plans.REFUSED:
        why = "; ".join(reason_in_words(r) for r in row.reasons)
        return f"row {row.number}: refused, {who}: {why}"
    if row.outcome == plans.DUPLICATE:
        other = row.duplicate_of
        shown = other if other.startswith("row ") else f"{names(other)} ({other})"
        return f"row {row.number}: duplicate of {shown}, {who} (same {', '.join(row.reasons)})"
    kind = "sign-up with consent" if row.outcome == plans.SIGNUP else "invitee, no consent"
    if row.completes:
        kind += f" (completes the invitation of {names(row.completes)})"
    verb = f"stored as {row.stored_as}" if row.stored_as else "would be stored"
    return f"row {row.number}: {verb}, {kind}, {who}"


def mapping_lines(result: plans.Plan) -> list[str]:
    lines = ["Columns:"]
    for index, header in enumerate(result.headers):
        lines.append(f"  {index + 1:>2}. {header!r} -> {result.mapping.get(index, IGNORE)}")
    return lines


def summary(result: plans.Plan, dry_run: bool) -> str:
    good = result.count(plans.SIGNUP) + result.count(plans.INVITEE)
    verb = "would be stored" if dry_run else "stored"
    return (
        f"{good} {verb} ({result.count(plans.SIGNUP)} sign-ups, "
        f"{result.count(plans.INVITEE)} invitees), {result.count(plans.DUPLICATE)} duplicates, "
        f"{result.count(plans.REFUSED)} refused" + (" (dry run: nothing stored)" if dry_run else "")
    )


def run_import(
    data: Path, file: Path, dry_run: bool, maps: tuple[str, ...], out: Callable[[str], None]
) -> int:
    try:
        given = parse_maps(maps)
        table = read_path(file)
    except BadMapping as bad:
        out(str(bad))
        return EXIT_NOT_IMPORTED
    except (UnreadableSheet, OSError) as unreadable:
        out(f"{file}: cannot read it as a sheet ({getattr(unreadable, 'code', unreadable)})")
        return EXIT_NOT_IMPORTED
    if unknown := unknown_columns(table, given):
        out(f"--map names columns the sheet does not have: {', '.join(unknown)}")
        return EXIT_NOT_IMPORTED
    mapping = guess_mapping(table.headers, given)
    try:
        with FolderLock(data):
            return _import(data, table, mapping, dry_run, out)
    except FolderInUse as in_use:
        out(f"{in_use}: stop it first, or import on its page (/participants/import)")
        return EXIT_NOT_IMPORTED


def _import(data: Path, table: Table, mapping: dict, dry_run: bool, out) -> int:
    from hub.service import Hub

    hub = Hub(data)
    try:
        result = plans.preview(hub, table, mapping)
        for line in mapping_lines(result):
            out(line)
        if result.missing:
            out(
                "Not imported: no column for "
                + ", ".join(result.missing)
                + " (name it with --map COLUMN=FIELD)"
            )
            return EXIT_NOT_IMPORTED
        if not dry_run:
            result = plans.store(hub, table, mapping)
        out("Rows:")
        for row in result.rows:
            out("  " + row_line(row, lambda pid: hub.evening.participants[pid].name))
        out(summary(result, dry_run))
        return EXIT_OK if result.ok else EXIT_REFUSED_ROWS
    finally:
        hub.close()
