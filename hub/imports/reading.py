"""Reading an actor sheet: CSV (semicolon, comma or tab; UTF-8 with or without a BOM, or the
Windows-1252 a Norwegian Excel saves) or xlsx (the first sheet), as a header row and rows of
text.

Form services export like this: Nettskjema CSV with semicolons, Microsoft Forms xlsx, Google
Forms CSV with commas; an organiser's own sheet is any of them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from shared.core.errors import CodedError

MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


class UnreadableSheet(CodedError):
    """The file is not a sheet this can read (``unreadable_sheet``, ``empty_sheet``,
    ``too_many_rows``, ``sheet_too_large``)."""

    status = 422


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # each as long as the headers
    kind: str  # "csv" or "xlsx"


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ";"))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an organisation number Excel stored as a number
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _table(rows: list[list[str]], kind: str) -> Table:
    rows = [r for r in rows if any(c.strip() for c in r)] if rows else []
    if not rows:
        raise UnreadableSheet("empty_sheet", "the sheet has no rows")
    headers = [h.strip() for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise UnreadableSheet("too_many_rows", f"at most {MAX_ROWS} rows")
    width = len(headers)
    return Table(headers, [(r + [""] * width)[:width] for r in body], kind)


def read_csv(raw: bytes) -> Table:
    text = _decode(raw)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = [[c.strip() for c in row] for row in reader]
    except csv.Error as error:
        raise UnreadableSheet("unreadable_sheet", str(error)) from None
    return _table(rows, "csv")


def read_xlsx(raw: bytes) -> Table:
    import warnings
    import zipfile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableSheet("unreadable_sheet", str(error)) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                break
    finally:
        book.close()
    return _table(rows, "xlsx")


def read_sheet(raw: bytes, filename: str = "") -> Table:
    """A table from a file's bytes; xlsx by its content (a zip), else CSV."""
    if len(raw) > MAX_BYTES:
        raise UnreadableSheet("sheet_too_large", "the file is larger than 10 MB")
    if raw.startswith(XLSX_MAGIC) or filename.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(raw)
    return read_csv(raw)


def read_path(path: Path) -> Table:
    return read_sheet(path.read_bytes(), path.name)
