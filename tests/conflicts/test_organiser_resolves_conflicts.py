"""Promise 4: concurrent edits and double registrations are kept and shown, never lost.

Two tablets work offline, each with its own copy; the hub sees both stories, lists what needs
the organiser, and the organiser's ruling travels back to every tablet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bors.demo import seed
from hub import create_app
from hub.conflicts.service import (
    NothingToResolve,
    resolve_deal,
    resolve_duplicates,
    resolve_walk_ins,
)
from hub.service import Hub
from kiosk.service import Kiosk
from tests.support.sync import deal, sync


@pytest.fixture
def venue(tmp_path: Path):
    seed(tmp_path / "hub")
    hub = Hub(tmp_path / "hub")
    kiosks = [Kiosk(tmp_path / f"k{i}") for i in (1, 2)]
    for kiosk in kiosks:
        sync(kiosk, hub)
    yield hub, kiosks
    for node in (hub, *kiosks):
        node.close()


def _pair(hub: Hub) -> tuple[str, str]:
    first, second = sorted(hub.evening.participants)[:2]
    return first, second


def _organiser(hub: Hub):
    """A test client of the hub's app with the organiser logged in (on the laptop itself),
    through the login form: sessions live on the hub, a forged cookie is not one."""
    from tests.support.auth import login_test_client

    client = create_app(hub, {"TESTING": True}).test_client()
    return login_test_client(client, hub.data_dir, "korrekt hest batteri stift")


def _everyone_syncs(hub: Hub, kiosks: list[Kiosk]) -> None:
    for _ in range(2):
        for kiosk in kiosks:
            sync(kiosk, hub)


def test_one_deal_corrected_on_two_offline_tablets_keeps_both_versions_until_merged(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    registered = k1.register_deal(deal(a, b))
    _everyone_syncs(hub, [k1, k2])

    k1.correct_deal(registered.id, deal(a, b, category="courses"))  # both offline now
    k2.correct_deal(registered.id, deal(a, b, broker="Ola"))
    _everyone_syncs(hub, [k1, k2])

    [conflict] = hub.evening.conflicts.all()
    assert conflict["kind"] == "versions"
    versions = [hub.evening.deals.version_of(ref) for ref in conflict["versions"]]
    assert {(v["category"], v["broker"]) for v in versions} == {
        ("courses", "Kari"),
        ("premises", "Ola"),
    }
    assert hub.stats()["deals"] == 1  # a conflict never counts a deal twice
    assert k1.evening.deals[registered.id].conflict  # the tablets see it too

    by_category = {v["category"]: v["ref"] for v in versions}
    resolve_deal(
        hub, registered.id, keep=by_category["courses"], fields={"broker": by_category["premises"]}
    )
    _everyone_syncs(hub, [k1, k2])

    for evening in (hub.evening, k1.evening, k2.evening):
        merged = evening.deals[registered.id]
        assert (merged.category, merged.broker, merged.conflict) == ("courses", "Ola", False)
        assert evening.conflicts.all() == []
        # every version is still there, the ruling is one more revision on top
        assert len(merged.revisions) == 4


def test_voided_on_one_tablet_while_corrected_on_another_is_surfaced_then_settled(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    registered = k1.register_deal(deal(a, b))
    _everyone_syncs(hub, [k1, k2])
    k1.void_deal(registered.id, {"reason": "feilregistrert"})
    k2.correct_deal(registered.id, deal(a, b, kind="gift"))
    _everyone_syncs(hub, [k1, k2])

    [conflict] = hub.evening.conflicts.all()
    assert conflict["kind"] == "void_vs_edit"
    assert hub.evening.deals[registered.id].voided  # nothing counted while in doubt...
    heads = [
        r for r in conflict["versions"] if hub.evening.deals.version_of(r)["type"] != "DealVoided"
    ]

    resolve_deal(hub, registered.id, keep=heads[0])  # ...until the organiser keeps the edit
    _everyone_syncs(hub, [k1, k2])
    for evening in (hub.evening, k1.evening, k2.evening):
        kept = evening.deals[registered.id]
        assert (kept.voided, kept.kind, kept.conflict) == (False, "gift", False)
    assert hub.stats()["deals"] == 1


def test_void_chosen_as_the_ruling_voids_the_deal_everywhere(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    registered = k1.register_deal(deal(a, b))
    _everyone_syncs(hub, [k1, k2])
    k1.void_deal(registered.id, {"reason": "feil"})
    k2.correct_deal(registered.id, deal(a, b, kind="gift"))
    _everyone_syncs(hub, [k1, k2])
    [conflict] = hub.evening.conflicts.all()
    resolve_deal(hub, registered.id, keep=conflict["versions"][0], void=True)
    _everyone_syncs(hub, [k1, k2])
    assert k2.evening.deals[registered.id].voided
    assert hub.stats()["deals"] == 0


def test_same_pair_and_category_from_two_brokers_minutes_apart_is_a_likely_double(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    first = k1.register_deal(deal(a, b, broker="Kari"))
    second = k2.register_deal(deal(b, a, broker="Ola"))  # same handshake, parties swapped
    other = k2.register_deal(deal(a, b, category="equipment", broker="Ola"))
    _everyone_syncs(hub, [k1, k2])

    [double] = hub.evening.conflicts.all()
    assert double["kind"] == "double_registration"
    assert set(double["deal_ids"]) == {first.id, second.id}
    assert other.id not in double["deal_ids"]
    assert hub.stats()["deals"] == 3  # shown, not silently merged

    resolve_duplicates(hub, double["deal_ids"], keep=[first.id])
    _everyone_syncs(hub, [k1, k2])
    for evening in (hub.evening, k1.evening, k2.evening):
        assert evening.deals[second.id].voided
        assert evening.deals[second.id].void_reason == "duplicate"
        assert not evening.deals[first.id].voided
        assert evening.conflicts.all() == []
    assert hub.stats()["deals"] == 2


def test_keeping_both_registrations_clears_the_suspicion(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    first = k1.register_deal(deal(a, b))
    second = k2.register_deal(deal(a, b, broker="Ola"))
    _everyone_syncs(hub, [k1, k2])
    resolve_duplicates(hub, [first.id, second.id], keep=[first.id, second.id])
    assert hub.evening.conflicts.all() == []
    assert hub.stats()["deals"] == 2
    with pytest.raises(NothingToResolve):
        resolve_duplicates(hub, [first.id, second.id], keep=[first.id])


def test_the_same_walk_in_added_on_two_tablets_is_merged_into_one_participant(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    walk_in = {"walk_in": {"name": "Bydel Sagene Ungdom", "sector": "public"}, "gives": "Rom"}
    d1 = k1.register_deal(
        {**deal(a, b), "parties": [walk_in, {"participant_id": a, "gives": "Tid"}]}
    )
    d2 = k2.register_deal(
        {
            **deal(a, b),
            "parties": [
                {**walk_in, "walk_in": {**walk_in["walk_in"], "name": "bydel sagene  ungdom"}},
                {"participant_id": b, "gives": "Tid"},
            ],
        }
    )
    _everyone_syncs(hub, [k1, k2])
    participants_before = hub.stats()["participants"]
    [twins] = hub.evening.conflicts.all()
    assert twins["kind"] == "walk_in"
    assert set(twins["deal_ids"]) == {d1.id, d2.id}

    keep = twins["participant_ids"][0]
    resolve_walk_ins(hub, twins["participant_ids"], keep=keep)
    _everyone_syncs(hub, [k1, k2])
    for evening in (hub.evening, k1.evening, k2.evening):
        assert evening.conflicts.all() == []
        assert {evening.deals[d].party_ids[0] for d in (d1.id, d2.id)} == {keep}
        assert [p.id for p in evening.participants.search("sagene ungdom")] == [keep]
    assert hub.stats()["participants"] == participants_before - 1


def test_walk_ins_kept_apart_stay_two_participants(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    walk_in = {"walk_in": {"name": "Ola Nordmann AS", "sector": "business"}, "gives": "Kaffe"}
    k1.register_deal({**deal(a, b), "parties": [walk_in, {"participant_id": a, "gives": "Tid"}]})
    k2.register_deal({**deal(a, b), "parties": [walk_in, {"participant_id": b, "gives": "Tid"}]})
    _everyone_syncs(hub, [k1, k2])
    [twins] = hub.evening.conflicts.all()
    resolve_walk_ins(hub, twins["participant_ids"], keep="")
    assert hub.evening.conflicts.all() == []
    assert len(hub.evening.participants.search("Ola Nordmann")) == 2


def test_the_organiser_sees_the_list_and_rules_through_the_json_api(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    registered = k1.register_deal(deal(a, b))
    _everyone_syncs(hub, [k1, k2])
    k1.correct_deal(registered.id, deal(a, b, category="courses"))
    k2.correct_deal(registered.id, deal(a, b, category="culture"))
    _everyone_syncs(hub, [k1, k2])

    client = _organiser(hub)
    listed = client.get("/api/conflicts").get_json()["conflicts"]
    assert [c["kind"] for c in listed] == ["versions"]
    answer = client.post(
        "/api/conflicts/resolve", json={"key": listed[0]["key"], "keep": listed[0]["versions"][1]}
    )
    assert answer.status_code == 200, answer.get_json()
    again = client.post(
        "/api/conflicts/resolve", json={"key": listed[0]["key"], "keep": listed[0]["versions"][1]}
    )
    assert (again.status_code, again.get_json()["error"]) == (409, "nothing_to_resolve")
    assert client.get("/api/conflicts").get_json()["conflicts"] == []


def test_the_to_resolve_page_lists_each_kind_and_settles_from_a_form(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    registered = k1.register_deal(deal(a, b))
    _everyone_syncs(hub, [k1, k2])
    k1.correct_deal(registered.id, deal(a, b, category="courses"))
    k2.void_deal(registered.id, {"reason": "<script>alert(1)</script>"})
    _everyone_syncs(hub, [k1, k2])
    client = _organiser(hub)

    page = client.get("/conflicts")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-kind="void_vs_edit"' in html
    assert "<script>alert(1)</script>" not in html  # what tablets typed is escaped
    assert 'href="/conflicts"' in html  # the nav link, with how many wait
    assert '<span class="badge warn" data-testid="open-conflicts">1</span>' in html

    token = html.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    [conflict] = hub.evening.conflicts.all()
    edit = next(r for r in conflict["versions"] if r.startswith(str(k1.device_id)))
    settled = client.post(
        f"/conflicts/deal/{registered.id}", data={"keep": edit, "csrf_token": token}
    )
    assert settled.status_code == 303
    assert hub.evening.conflicts.all() == []
    assert 'data-testid="no-conflicts"' in client.get("/conflicts").get_data(as_text=True)


def _token(html: str) -> str:
    return html.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_a_double_registration_is_settled_from_the_page_keeping_one(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    first = k1.register_deal(deal(a, b))
    second = k2.register_deal(deal(a, b, broker="Ola"))
    _everyone_syncs(hub, [k1, k2])
    client = _organiser(hub)
    html = client.get("/conflicts").get_data(as_text=True)
    assert 'data-kind="double_registration"' in html
    assert first.number in html and second.number in html

    answer = client.post(
        "/conflicts/double",
        data={"deal_id": [first.id, second.id], "keep": second.id, "csrf_token": _token(html)},
    )
    assert answer.status_code == 303
    _everyone_syncs(hub, [k1, k2])
    assert k1.evening.deals[first.id].voided and not k1.evening.deals[second.id].voided
    assert hub.stats()["deals"] == 1


def test_walk_ins_are_merged_from_the_page_and_a_stale_form_says_so(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    walk_in = {"walk_in": {"name": "Tøyen Kafé", "sector": "business"}, "gives": "Kaffe"}
    k1.register_deal({**deal(a, b), "parties": [walk_in, {"participant_id": a, "gives": "Tid"}]})
    k2.register_deal({**deal(a, b), "parties": [walk_in, {"participant_id": b, "gives": "Tid"}]})
    _everyone_syncs(hub, [k1, k2])
    client = _organiser(hub)
    html = client.get("/conflicts").get_data(as_text=True)
    [twins] = hub.evening.conflicts.all()
    form = {
        "participant_id": twins["participant_ids"],
        "keep": twins["participant_ids"][1],
        "csrf_token": _token(html),
    }
    assert client.post("/conflicts/walk-ins", data=form).status_code == 303
    assert hub.evening.conflicts.all() == []

    again = client.post("/conflicts/walk-ins", data=form)  # a second tab, a double click
    assert again.headers["Location"].endswith("/conflicts?notice=gone")
    assert len(hub.evening.participants.search("Tøyen")) == 1


# The page in the organiser's words (issue 11, item 9): field names translated, versions named
# by the tablet that wrote them (not by codes like deal numbers), what differs marked, deal
# numbers kept on one line.
def test_two_versions_are_shown_by_tablet_with_what_differs_marked(venue):
    hub, (k1, k2) = venue
    a, b = _pair(hub)
    registered = k1.register_deal(deal(a, b))
    _everyone_syncs(hub, [k1, k2])
    k1.correct_deal(registered.id, deal(a, b, category="courses"))
    k2.correct_deal(registered.id, deal(a, b, category="equipment"))
    _everyone_syncs(hub, [k1, k2])

    html = _organiser(hub).get("/conflicts").get_data(as_text=True)
    for raw in (">parties<", ">category<", ">kind<", ">broker<"):
        assert raw not in html  # no field names from the code
    assert "Parter" in html and "Kategori" in html and "Tidsfrist" in html
    labels = re.findall(r'data-testid="version-label">([^<]+)', html)
    assert len(labels) == 2 and all(label.startswith("Versjon ") for label in labels)
    assert all(not re.search(r"\b[A-Z0-9]{3}-\d+\b", label) for label in labels)
    differs = re.findall(r'<tr class="differs" data-testid="differs"><th[^>]*>([^<]+)', html)
    assert [name.strip() for name in differs] == ["Kategori"]  # only what differs is marked
    assert f'<b class="nowrap">{registered.number}</b>' in html
