"""The report on paper: A4 through the printing kit (hub/printing/kit.py), the same figures as
the page, each chart drawn as bars with its number beside it (fpdf2's rectangles and text, so
it prints sharp in grey scale and its text can be copied or read aloud)."""

from __future__ import annotations

from hub.printing.kit import BRAND, FONT, MUTED, Sheet, printable
from shared.core.vocabulary import SECTORS
from shared.i18n import format_date, translate

BAR_HEIGHT = 5.0  # mm
LABEL_WIDTH = 55.0  # mm


class ReportSheet(Sheet):
    def bars(self, title: str, items: list[tuple[str, int]]) -> None:
        self.needs_room(10 + BAR_HEIGHT * 1.4 * len(items))
        self.heading(title, size=13, after=1)
        top = max([n for _, n in items] + [1])
        room = self.epw - LABEL_WIDTH - 15
        for label, n in items:
            y = self.get_y()
            self.set_font(FONT, "", 10)
            self.cell(LABEL_WIDTH - 2, BAR_HEIGHT, printable(label), align="R")
            length = room * n / top if n else 0
            self.set_fill_color(*BRAND)
            if length:
                self.rect(self.l_margin + LABEL_WIDTH, y + 0.6, length, BAR_HEIGHT - 1.2, style="F")
            self.set_xy(self.l_margin + LABEL_WIDTH + length + 1.5, y)
            self.set_font(FONT, "B", 10)
            self.cell(12, BAR_HEIGHT, str(n))
            self.set_xy(self.l_margin, y + BAR_HEIGHT * 1.4)
        self.ln(3)

    def table(self, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        self.needs_room(7 * (len(rows) + 1) + 4)
        self.set_font(FONT, "B", 10)
        for text, width in zip(header, widths, strict=True):
            self.cell(width, 6, printable(text), border="B")
        self.ln(6)
        self.set_font(FONT, "", 10)
        for row in rows:
            for text, width in zip(row, widths, strict=True):
                self.cell(width, 6, printable(text))
            self.ln(6)
        self.ln(3)


def _people(sheet: ReportSheet, r: dict, lang: str) -> None:
    people = r["participants"]
    rows = [
        [
            translate(f"sector.{s}", lang),
            *(str(people["by_sector"][s][k]) for k in ("signed_up", "walk_ins", "arrived")),
        ]
        for s in SECTORS
    ]
    rows.append(
        [
            translate("report.total", lang),
            *(str(people[k]) for k in ("signed_up", "walk_ins", "arrived")),
        ]
    )
    header = [
        translate("kiosk.sector", lang),
        translate("report.signed_up", lang),
        translate("report.walk_ins", lang),
        translate("report.arrived", lang),
    ]
    sheet.heading(translate("report.participants", lang), size=15, after=1)
    sheet.table(header, rows, [50, 35, 35, 35])


def _matrix(sheet: ReportSheet, r: dict, lang: str) -> None:
    matrix = r["deals"]["matrix"]
    header = [""] + [translate(f"sector.{s}", lang) for s in SECTORS]
    rows = [
        [translate(f"sector.{a}", lang)] + [str(matrix[a][b]) for b in SECTORS] for a in SECTORS
    ]
    sheet.heading(translate("report.matrix", lang), size=13, after=1)
    sheet.table(header, rows, [45, 35, 35, 35])


def render(r: dict, lang: str) -> bytes:
    plan = r["evening"]
    title = translate("report.title", lang, event=plan["name"] or "Frivilligbørs")
    sheet = ReportSheet(title=title, footer_text=title)
    sheet.add_page()
    sheet.heading(title)
    sheet.paragraph(f"{format_date(plan['date'], lang, 'full')} · {plan['venue']}", color=MUTED)
    deals = r["deals"]
    sheet.paragraph(
        translate(
            "report.deals_total", lang, n=deals["total"], voided=deals["voided"], late=deals["late"]
        ),
        size=13,
        style="B",
    )
    comparison = r["comparison"]
    record = comparison["record"] and {
        **comparison["record"],
        "date": format_date(comparison["record"]["date"], lang),
    }
    if record and comparison["beats_record"]:
        sheet.paragraph(translate("report.beats_record", lang, **record))
    elif record:
        sheet.paragraph(translate("report.record_stands", lang, **record))
    if r["value"]["total"]:
        sheet.paragraph(translate("report.value_line", lang, n=r["value"]["total"]))
    sheet.ln(3)
    _people(sheet, r, lang)
    _matrix(sheet, r, lang)
    sheet.bars(
        translate("report.by_category", lang),
        [(translate(f"category.{c}", lang), n) for c, n in deals["by_category"].items()],
    )
    sheet.bars(
        translate("report.by_kind", lang),
        [(translate(f"kind.{k}", lang), n) for k, n in deals["by_kind"].items()],
    )
    steps = r["timeline"]["steps"]
    sheet.bars(
        translate("report.timeline", lang),
        [(translate("report.minute", lang, m=row["minute"]), row["deals"]) for row in steps],
    )
    sheet.bars(
        translate("report.by_device", lang), [(row["name"], row["deals"]) for row in r["by_device"]]
    )
    sheet.bars(
        translate("report.by_broker", lang), [(row["name"], row["deals"]) for row in r["by_broker"]]
    )
    sheet.bars(
        translate("report.followup", lang),
        [
            (translate(f"followup.status.{s}", lang), n)
            for s, n in r["followup"]["by_status"].items()
        ],
    )
    if comparison["earlier"]:
        rows = [
            [e["name"], format_date(e["date"], lang), str(e["deals"]), str(e["participants"])]
            for e in comparison["earlier"]
        ]
        sheet.heading(translate("report.earlier", lang), size=13, after=1)
        sheet.table(
            [
                translate("hub.name", lang),
                translate("report.date", lang),
                translate("hub.deals", lang),
                translate("hub.participants", lang),
            ],
            rows,
            [70, 35, 30, 30],
        )
    if r["without_deal"]:
        sheet.heading(
            translate("report.without_deal", lang, n=len(r["without_deal"])), size=13, after=1
        )
        sheet.paragraph(", ".join(p["name"] for p in r["without_deal"]), size=10)
    return sheet.bytes()
