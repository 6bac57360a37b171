"""The organiser's deal list on the hub: search, status filters, figures that agree, and the
organiser's own correction, void and undo (issue 11, items 6 and 10)."""

from __future__ import annotations

import re

import pytest

from hub.service import Hub
from hub.stage.service import close_hour, open_hour
from tests.support.deals import deal_payload


@pytest.fixture
def evening(sagene_hub: Hub):
    """Three deals on the hub: one in the hour, one voided, one after the closing gong."""
    names = {p.id: p.name for p in sagene_hub.evening.participants.values()}
    sagene_if = next(pid for pid, name in names.items() if name == "Sagene IF")
    bydel = next(pid for pid, name in names.items() if name == "Bydel Sagene")
    open_hour(sagene_hub)
    hour = sagene_hub.register_deal(deal_payload(sagene_if, bydel, gives="x"))
    voided = sagene_hub.register_deal(
        deal_payload(
            bydel,
            sagene_if,
            category="equipment",
            parties=[
                {"participant_id": bydel, "gives": "Projektor"},
                {"participant_id": sagene_if, "gives": "Dugnad"},
            ],
        )
    )
    deals = sagene_hub.evening.deals
    sagene_hub.record("void_deal", voided, deals[voided].revision, {"reason": "feil"})
    close_hour(sagene_hub)
    late = sagene_hub.register_deal(deal_payload(sagene_if, bydel, category="culture"))
    return sagene_hub, {"hour": deals[hour], "voided": deals[voided], "late": deals[late]}


def numbers_on(html: str) -> list[str]:
    return re.findall(r'data-deal="([^"]+)"', html)


def test_a_late_deal_is_marked_on_the_list(organiser, evening):
    _hub, deals = evening
    html = organiser.get("/").get_data(as_text=True)
    row = html[html.index(f'data-deal="{deals["late"].number}"') :].split("</tr>")[0]
    assert 'data-status="late"' in row and "Sen" in row
    hour_row = html[html.index(f'data-deal="{deals["hour"].number}"') :].split("</tr>")[0]
    assert 'data-status="late"' not in hour_row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=late", ["late"]),
        ("status=voided", ["voided"]),
        ("status=ok", ["hour"]),
        ("q=projektor", ["voided"]),
        ("q=sagene+if", ["late", "voided", "hour"]),
        ("q=ingen+slik", []),
    ],
)
def test_search_and_status_filters(organiser, evening, query, expected):
    _hub, deals = evening
    html = organiser.get(f"/?{query}", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert numbers_on(html) == [deals[key].number for key in expected]


def test_the_header_and_the_list_count_the_same_deals(organiser, evening):
    html = organiser.get("/").get_data(as_text=True)
    counted = re.search(r'data-testid="deal-count">(\d+)<', html).group(1)
    assert counted == "2"  # the voided deal does not count…
    shown = re.search(r'data-testid="shown-count">([^<]+)<', html).group(1)
    assert "3 av 3" in shown and "2 gjelder" in shown and "1 annullert" in shown  # …and says so
    assert "+ 1 annullert" in html


def test_the_organiser_corrects_voids_and_undoes_a_void_on_the_hub(organiser, evening):
    hub, deals = evening
    hour = deals["hour"]
    form = {
        "p0_gives": "Lokale hver tirsdag",
        "p1_gives": "Kurs",
        "category": "premises",
        "kind": "mutual",
        "deadline": "01.03.2027",
        "broker": "Arrangør",
    }
    assert "Avtale" in organiser.get(f"/deals/{hour.id}/edit").get_data(as_text=True)
    answer = organiser.post(f"/deals/{hour.id}", data=form)
    assert answer.status_code == 303
    assert hub.evening.deals[hour.id].parties[0]["gives"] == "Lokale hver tirsdag"

    unchanged = organiser.post(f"/deals/{hour.id}", data=form)
    assert unchanged.status_code == 422 and "Ingenting er endret" in unchanged.get_data(
        as_text=True
    )

    assert organiser.post(f"/deals/{hour.id}/void", data={"reason": "dobbel"}).status_code == 303
    assert hub.evening.deals[hour.id].voided
    assert organiser.post(f"/deals/{hour.id}/restore").status_code == 303
    restored = hub.evening.deals[hour.id]
    assert not restored.voided and not restored.conflict
    assert restored.parties[0]["gives"] == "Lokale hver tirsdag"
    assert organiser.post(f"/deals/{hour.id}/restore").status_code == 409
