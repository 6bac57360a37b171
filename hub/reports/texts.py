"""The report's families of texts built from codes (tests/i18n checks each is in both
catalogs)."""

from __future__ import annotations

from hub.reports.lasting_map import COLUMNS, SIDES

TEXT_FAMILIES = {
    "report.map.side.": SIDES,
    "report.map.column.": COLUMNS,
}
