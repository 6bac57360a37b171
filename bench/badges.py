"""Name tags for 300 participants: the hub's /print/badges.pdf, against fpdf2 alone.

The hub (in-process, its Flask app, the organiser logged in) holds 300 participants with
contact persons, a tenth of them with names of 50 to 70 letters; the PDF is asked for on A4
label sheets and as single badges. Baseline in the same run: the kit's bare sheet writing the
same 300 names and QR codes with no fitting (what fpdf2 and segno cost by themselves).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench.common import ROOT, Row, ratio, say

NAME = "badges"
LONG = [
    "Kreftforeningens frivillige besøkstjeneste ved Oslo universitetssykehus",
    "Ungdom og Fritid – Landsforeningen for fritidsklubber og ungdomshus",
    "Kvernbakkenborettslagsvelforeningsstyret Sagene SA",
]


def _hub(work: Path, participants: int):
    from hub.service import Hub

    hub = Hub(work / "hub")
    sectors = ("business", "voluntary", "public")
    for i in range(participants):
        name = LONG[i % 3] if i % 10 == 0 else f"Sagene Forening nr. {i} for kultur og idrett"
        hub.register_participant(
            {
                "name": f"{name} {i}" if i % 10 == 0 else name,
                "sector": sectors[i % 3],
                "contact_person": f"Kari Nordmann {i}",
                "email": f"kari{i}@example.no",
            }
        )
    return hub


def _baseline(names: list[str]) -> float:
    from hub.printing.kit import Sheet

    start = time.perf_counter()
    sheet = Sheet()
    sheet.set_auto_page_break(False)
    for i, name in enumerate(names):
        if i % 10 == 0:
            sheet.add_page()
        y = 15 + (i % 10) * 27
        sheet.set_xy(15, y)
        sheet.cell(120, 8, name[:60])
        sheet.qr(f"http://127.0.0.1/catalogue/{i:036d}", x=160, y=y, size=24, mask=2, scale=5)
    sheet.bytes()
    return time.perf_counter() - start


def run(work: Path, programs, participants: int = 300) -> list[Row]:
    sys.path.insert(0, str(ROOT))
    import hub as hub_web
    from tests.support.auth import login_test_client

    hub = _hub(work, participants)
    try:
        client = login_test_client(hub_web.create_app(hub).test_client(), hub.data_dir)
        timings = {}
        for sheet in ("a4-2x5", "single"):
            start = time.perf_counter()
            answer = client.get(f"/print/badges.pdf?sheet={sheet}")
            timings[sheet] = time.perf_counter() - start
            assert answer.status_code == 200
            assert answer.headers["X-Badges-Count"] == str(participants)
            assert answer.headers["X-Badges-Cut"] == "0", answer.headers["X-Badges-Cut"]
        base = _baseline([p.name for p in hub.evening.participants.values()])
    finally:
        hub.close()
    say(
        f"[{NAME}] {participants} name tags: A4 sheets {timings['a4-2x5']:.2f} s, single "
        f"{timings['single']:.2f} s; fpdf2+segno bare {base:.2f} s"
    )
    return [
        Row(
            NAME,
            f"{participants} name tags, /print/badges.pdf on A4 label sheets",
            "≤ 10 s",
            f"{timings['a4-2x5']:.2f} s",
            f"bare fpdf2 sheet, same names and QR codes {base:.2f} s",
            ratio(timings["a4-2x5"], base),
            timings["a4-2x5"] <= 10,
        ),
        Row(
            NAME,
            f"{participants} name tags, one a page (label printer)",
            "≤ 10 s",
            f"{timings['single']:.2f} s",
            f"bare fpdf2 sheet {base:.2f} s",
            ratio(timings["single"], base),
            timings["single"] <= 10,
        ),
    ]
