"""The report's numbers against a count made here, independently, from the raw events in the
hub's store: registrations, corrections and voids read in log order, sectors from the
registrations of participants, arrivals from check-ins. Then the page and the PDF."""

from __future__ import annotations

import csv
import io
from collections import Counter

import openpyxl
import pypdf

from hub.reports.figures import report
from shared.core.vocabulary import SECTORS
from tests.support.evenings import SAGENE_EVENING
from tests.support.social_value import value_from_raw_events


def raw_events(hub) -> list:
    return [hub.store.mapper.to_domain_event(n) for n in hub.store.read_all(0)]


def count_from_events(hub) -> dict:
    """What the report must say, counted from the events alone (one device: log order)."""
    sector, walk_in, deals, voided, arrived = {}, set(), {}, set(), set()
    for ev in raw_events(hub):
        name = type(ev).__name__
        if name == "ParticipantRegistered":
            sector[ev.participant_id] = ev.sector
            if ev.walk_in:
                walk_in.add(ev.participant_id)
        elif name in ("DealRegistered", "DealCorrected"):
            deals[ev.deal_id] = ev
        elif name == "DealVoided":
            voided.add(ev.deal_id)
        elif name == "ParticipantCheckedIn":
            arrived.add(ev.participant_id)
    counted = [ev for deal_id, ev in deals.items() if deal_id not in voided]
    matrix = Counter()
    for ev in counted:
        a, b = sorted(sector[p["participant_id"]] for p in ev.parties[:2])
        matrix[(a, b)] += 1
        if a != b:
            matrix[(b, a)] += 1
    dealt = {p["participant_id"] for ev in counted for p in ev.parties}
    return {
        "total": len(counted),
        "voided": len(voided),
        "by_category": Counter(ev.category for ev in counted),
        "by_kind": Counter(ev.kind for ev in counted),
        "by_broker": Counter(ev.broker for ev in counted),
        "matrix": matrix,
        "signed_up": Counter(s for p, s in sector.items() if p not in walk_in),
        "walk_ins": Counter(s for p, s in sector.items() if p in walk_in),
        "arrived": Counter(sector[p] for p in arrived | walk_in),
        "without_deal": {p for p in sector if p not in dealt},
    }


def test_the_report_equals_a_count_from_the_raw_events(evening, organiser):
    report = organiser.get("/api/report").get_json()
    expected = count_from_events(evening.hub)
    deals = report["deals"]
    assert deals["total"] == expected["total"] == 3
    assert deals["voided"] == expected["voided"] == 1
    assert {k: v for k, v in deals["by_category"].items() if v} == dict(expected["by_category"])
    assert {k: v for k, v in deals["by_kind"].items() if v} == dict(expected["by_kind"])
    assert {
        (a, b): deals["matrix"][a][b] for a in SECTORS for b in SECTORS if deals["matrix"][a][b]
    } == dict(expected["matrix"])
    assert {r["name"]: r["deals"] for r in report["by_broker"]} == dict(expected["by_broker"])
    people = report["participants"]["by_sector"]
    for s in SECTORS:
        assert people[s]["signed_up"] == expected["signed_up"].get(s, 0)
        assert people[s]["walk_ins"] == expected["walk_ins"].get(s, 0)
        assert people[s]["arrived"] == expected["arrived"].get(s, 0)
    assert {p["participant_id"] for p in report["without_deal"]} == expected["without_deal"]
    assert (
        sum(r["deals"] for r in report["timeline"]["steps"])
        + report["timeline"]["before"]
        + report["timeline"]["after"]
        == expected["total"]
    )
    assert report["followup"]["by_status"]["done"] == 1
    assert report["followup"]["by_status"]["in_progress"] == 1
    assert report["followup"]["by_status"]["open"] == 1


def test_the_record_comes_from_the_earlier_evening(evening, organiser):
    comparison = organiser.get("/api/report").get_json()["comparison"]
    assert comparison["record"] == {
        "name": "Frivilligbørs Sagene 2025",
        "date": "2025-11-20",
        "deals": 2,
    }
    assert comparison["beats_record"] and comparison["this"]["deals"] == 3
    page = organiser.get("/report").get_data(as_text=True)
    assert "Ny rekord! Forrige rekord: 2 avtaler" in page


def test_the_page_shows_each_chart_with_its_numbers(evening, organiser):
    page = organiser.get("/report").get_data(as_text=True)
    assert page.count('<svg class="chart"') == 6
    assert 'data-figure="deals">3<' in page
    assert 'data-value="2">2</text>' in page  # culture: the correction and the new deal
    matrix = page[page.index('data-testid="matrix"') :]
    assert '<td data-n="1">1</td>' in matrix
    assert organiser.get("/report?evening=1999-01-01").status_code == 404


def test_the_pdf_opens_and_its_text_holds_the_figures(evening, organiser):
    answer = organiser.get("/report.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(answer.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Rapport: Frivilligbørs Sagene" in text
    assert "3 avtaler (1 annullert" in text
    assert (
        "Avtaler mellom sektorene" in text
        and "Tårnlia Skolekorps" not in text.split("uten avtale")[0][-5:]
    )
    assert "Ny rekord!" in text
    assert "Kari" in text and "Ola" in text


def test_the_catalogue_stays_as_a_map_to_filter_and_take_away(evening, organiser):
    hub = evening.hub
    page = organiser.get("/report/catalogue?side=offer&sector=public").get_data(as_text=True)
    assert "Lokale til møter på kveldstid" in page  # the nursing home's offer
    assert "Konsert for beboerne" not in page  # its need: another side
    assert "siri@tarnlia.example" not in page  # no contact details on the map
    raw = organiser.get("/report/catalogue.csv?q=lokale").data.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(raw), delimiter=";"))
    assert lines[0] == ["Navn", "Sektor", "Behov/tilbud", "Kategori", "Tekst", "Avtaler"]
    names = {line[0] for line in lines[1:]}
    assert names == {"Sagene IF", "Tårnlia sykehjem", "Tårnlia Skolekorps"}
    book = openpyxl.load_workbook(io.BytesIO(organiser.get("/report/catalogue.xlsx").data))
    rows = list(book.active.iter_rows(values_only=True))[1:]
    shown = [p for p in hub.evening.participants.values() if p.in_catalogue]
    assert len(rows) == sum(len(p.needs) + len(p.offers) for p in shown) == 8
    assert all("Nabolaget" not in row[0] for row in rows)  # a walk-in never agreed to be shown


def test_the_social_value_totals_estimates_and_category_defaults(evening, organiser):
    hub = evening.hub
    form = {f"value_{c}": "" for c in ("premises", "equipment", "courses", "volunteering")}
    form |= {"value_culture": "5 000", "value_expertise": "0"}
    assert organiser.post("/report/values", data=form).status_code == 303
    bake = evening.deals["bake"]
    assert organiser.post(f"/followup/{bake}/value", data={"kroner": "12000"}).status_code == 303
    assert organiser.post(f"/followup/{bake}/value", data={"kroner": "-3"}).status_code == 422
    assert organiser.post("/report/values", data={"value_culture": "mange"}).status_code == 303
    value = organiser.get("/api/report").get_json()["value"]

    expected = value_from_raw_events(hub)  # counted from the events, not the projections
    assert value["total"] == expected == 12000 + 2 * 5000
    assert value["estimated_deals"] == 1 and value["defaults"]["culture"] == 5000
    assert "22 000 kr" in organiser.get("/report").get_data(as_text=True).replace("\xa0", " ")


def test_the_record_is_kept_from_the_previous_evening_on_this_hub(hub):
    from hub.stage import service as stage
    from tests.support.deals import register

    hub.schedule_evening({**SAGENE_EVENING, "name": "Børsen 2026", "date": "2026-11-25"})
    a = hub.register_participant({"name": "Lag A", "sector": "voluntary"})
    b = hub.register_participant({"name": "Bedrift B", "sector": "business"})
    stage.open_hour(hub)
    for _ in range(4):
        register(hub, a, b)
    stage.close_hour(hub)
    hour = report(hub.evening)["timeline"]
    assert hour["steps"][0]["deals"] == 4 and hour["before"] == hour["after"] == 0  # from the gong
    hub.schedule_evening({**SAGENE_EVENING, "name": "Børsen 2027", "date": "2027-11-24"})
    found = report(hub.evening)
    assert found["comparison"]["record"] == {
        "name": "Børsen 2026",
        "date": "2026-11-25",
        "deals": 4,
    }
    assert found["evening"]["name"] == "Børsen 2027"
