"""Erasure by crypto-shredding: the key goes, "slettet deltaker" stands where the name was, in
every projection and page, and every count stays as it was."""

from __future__ import annotations

import random
import uuid

import pytest

import hub as hub_web
from hub.privacy import erasure
from hub.service import Hub
from shared.core.checks import ValidationFailed
from shared.deals.presenter import deal_json
from shared.evening import Evening
from shared.privacy.redaction import ERASED_NAME
from tests.privacy.conftest import SAGENE, files_holding
from tests.support.auth import login_test_client


def figures(hub: Hub) -> dict:
    stats = hub.evening.stats()
    return {k: stats[k] for k in ("deals", "by_sector_pair", "by_category", "participants")}


def test_an_erased_participant_is_slettet_deltaker_and_every_count_stays(evening):
    hub = evening.hub
    before = figures(hub)
    assert hub.contact_of(evening.sagene)["email"] == SAGENE["email"]
    assert evening.sagene in {hit.entry.id for hit in hub.evening.catalogue.search("trening")}

    assert erasure.erase(hub, evening.sagene) == [evening.sagene]

    erased = hub.evening.participants[evening.sagene]
    assert (erased.name, erased.erased, erased.needs, erased.offers) == (ERASED_NAME, True, [], [])
    assert erased.sector == "voluntary"  # the sector pair of their deals still counts
    assert hub.contact_of(evening.sagene) == {"contact_person": "", "email": "", "phone": ""}
    assert figures(hub) == before
    names = [
        p["name"]
        for d in hub.evening.deals.values()
        for p in deal_json(d, hub.evening.participants)["parties"]
    ]
    assert ERASED_NAME in names and SAGENE["name"] not in names
    assert hub.evening.participants.search("Sagene") == []
    catalogue = hub.evening.catalogue
    assert catalogue.entry(evening.sagene) is None or not catalogue.entry(evening.sagene).needs
    assert all(evening.sagene != hit.entry.id for hit in catalogue.search("trening"))
    public = hub_web.create_app(hub).test_client()
    assert SAGENE["name"] not in public.get("/catalogue?q=Sagene").get_data(as_text=True)
    assert not erased.in_catalogue
    history = hub.evening.participants.facts_of(evening.sagene)
    assert history and all(getattr(ev, "name", ERASED_NAME) == ERASED_NAME for ev in history)


def test_the_hubs_files_forget_them_at_once(evening):
    hub = evening.hub
    key = hub.contacts._key_of(evening.sagene)
    assert files_holding(hub.data_dir, SAGENE["name"])  # the name is in clear before
    erasure.erase(hub, evening.sagene)
    assert files_holding(hub.data_dir, SAGENE["name"], SAGENE["email"], SAGENE["phone"]) == {}
    held = {p.name: p.read_bytes() for p in hub.data_dir.iterdir() if p.is_file()}
    assert not [name for name, data in held.items() if key in data], "the key is still on disk"


def test_an_erasure_holds_after_a_restart_and_in_any_order(evening, tmp_path):
    hub = evening.hub
    erasure.erase(hub, evening.sagene)
    events = [hub.store.mapper.to_domain_event(n) for n in hub.store.read_all(0)]
    hub.close()
    again = Hub(hub.data_dir)
    try:
        assert again.evening.participants[evening.sagene].name == ERASED_NAME
        assert again.contact_of(evening.sagene)["email"] == ""
    finally:
        again.close()
    for seed in range(3):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        fold = Evening()
        for event in shuffled:
            fold.apply(event)
        assert fold.participants[evening.sagene].erased
        assert fold.participants[evening.turbo].name != ERASED_NAME


def test_nothing_is_sealed_for_them_again(evening):
    erasure.erase(evening.hub, evening.sagene)
    assert evening.hub.contacts.seal(evening.sagene, {"email": SAGENE["email"]}) == ""
    with pytest.raises(ValidationFailed) as refused:
        erasure.erase(evening.hub, evening.sagene)
    assert refused.value.codes() == {"participant_id": "already_erased"}


def test_erasing_the_participant_kept_in_a_merge_erases_the_walk_in_merged_into_them(evening):
    hub = evening.hub
    hub.record("resolve_walk_ins", [evening.sagene, evening.walk_in], evening.sagene)
    assert hub.evening.participants.canonical(evening.walk_in) == evening.sagene
    assert sorted(erasure.erase(hub, evening.sagene)) == sorted([evening.sagene, evening.walk_in])
    assert hub.evening.participants[evening.walk_in].name == ERASED_NAME


def test_the_organiser_erases_on_the_page_after_confirming(evening):
    hub = evening.hub
    client = login_test_client(hub_web.create_app(hub).test_client(), hub.data_dir)
    page = client.get(f"/privacy/participants/{evening.sagene}").get_data(as_text=True)
    assert SAGENE["email"] in page and SAGENE["phone"] in page

    unconfirmed = client.post(f"/privacy/participants/{evening.sagene}/erase", data={})
    assert unconfirmed.status_code == 422
    assert hub.evening.participants[evening.sagene].name == SAGENE["name"]

    done = client.post(
        f"/privacy/participants/{evening.sagene}/erase", data={"confirm": "yes", "why": "request"}
    )
    assert done.status_code == 303
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert ERASED_NAME in page and SAGENE["email"] not in page
    for path in ("/participants", "/", "/api/deals", "/privacy/consents"):
        shown = client.get(path).get_data(as_text=True)
        assert SAGENE["name"] not in shown, path
    assert (
        client.post("/privacy/participants/not-an-id/erase", data={"confirm": "yes"}).status_code
        == 404
    )


def test_mail_kept_for_them_cannot_be_read_after_erasure(evening):
    """The mail room seals each email with the participant's key too (docs/mail.md)."""
    hub = evening.hub
    app = hub_web.create_app(hub)
    outbox = app.extensions["mail"].outbox
    with app.test_request_context():
        email_id = outbox.queue("test", evening.sagene, "confirmation", {}, once_key="privacy")
    row = outbox.log.rows[email_id]
    assert SAGENE["email"] in str(outbox.opened(row))
    erasure.erase(hub, evening.sagene)
    assert outbox.opened(row) is None
    assert files_holding(hub.data_dir, SAGENE["email"], SAGENE["name"]) == {}


def test_erased_walk_ins_are_not_taken_for_doubles_of_each_other(tablet_evening):
    """A walk-in from the tablet and one from the hub, of one sector, both erased: both are
    "slettet deltaker" now, yet neither a suspected double walk-in nor a proposed duplicate."""
    from hub.participants.duplicates import proposals

    hub = tablet_evening.hub
    other = str(uuid.uuid4())
    hub.record("register_participant", other, {"name": "Annet lag", "sector": "public"}, "", True)
    assert hub.evening.conflicts.count() == 0
    for pid in (tablet_evening.walk_in, other):
        erasure.erase(hub, pid)
    assert hub.evening.conflicts.count() == 0
    pair = {tablet_evening.walk_in, other}
    assert [d for d in proposals(hub) if pair & set(d.participant_ids)] == []


def test_a_sheet_waiting_for_its_import_that_names_them_is_deleted(evening):
    from hub.imports.pending import PendingSheets

    sheets = PendingSheets(evening.hub.data_dir)
    theirs = sheets.keep(f"navn;epost\nSagene;{SAGENE['email']}\n".encode(), "aktorer.csv")
    others = sheets.keep(b"navn;epost\nAnnet;post@annet.example\n", "andre.csv")
    erasure.erase(evening.hub, evening.sagene)
    assert sheets.read(theirs) is None
    assert sheets.read(others) is not None


def test_nothing_is_sealed_for_them_in_a_round_of_sign_ups_either(evening):
    vault = evening.hub.contacts
    erasure.erase(evening.hub, evening.sagene)
    other = str(uuid.uuid4())
    sealed = vault.seal_many(
        [(evening.sagene, {"email": SAGENE["email"]}), (other, {"email": "x@y.example"})]
    )
    assert sealed[0] == "" and vault.open(other, sealed[1]) == {"email": "x@y.example"}
    assert vault._key_of(evening.sagene) is None


def test_an_erased_participant_cannot_be_changed_or_signed_up_again(evening):
    from hub.participants import register
    from tests.privacy.conftest import signup_of

    hub = evening.hub
    erasure.erase(hub, evening.sagene)
    for attempt in (
        lambda: register.change(hub, evening.sagene, signup_of(SAGENE, "voluntary"), "organiser"),
        lambda: register.withdraw(hub, evening.sagene, "organiser"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            attempt()
        assert refused.value.codes() == {"participant_id": "erased_participant"}
    assert files_holding(hub.data_dir, SAGENE["name"], SAGENE["email"]) == {}


def test_a_fresh_tablet_takes_the_whole_log_after_erasure(evening, tmp_path):
    """Every rewritten event still passes the checks a tablet applies to what it pulls: a
    follow-up answer that needs a reason keeps one, in words that name no one."""
    from kiosk.service import Kiosk
    from shared.followup.rules import NOT_FEASIBLE
    from tests.support.sync import pull

    hub = evening.hub
    deal_id = next(
        d.id
        for d in hub.evening.deals.values()
        if evening.sagene in {p["participant_id"] for p in d.parties}
    )
    why = "Kari Sletteberg ble syk"
    hub.record(
        "answer_followup",
        deal_id,
        evening.sagene,
        {"answer": NOT_FEASIBLE, "reason": why},
        "2027-03-02",
    )
    # a withdrawal's optional reason, not given, stays empty
    current = hub.evening.participants[evening.sagene]
    hub.record("withdraw_participant", evening.sagene, "organiser", "", current)
    erasure.erase(hub, evening.sagene)
    assert files_holding(hub.data_dir, why, SAGENE["name"]) == {}
    fresh = Kiosk(tmp_path / "fresh")
    try:
        pull(fresh, hub)
        assert fresh.mirror.position() == hub.store.head()
        assert fresh.evening.participants[evening.sagene].name == ERASED_NAME
    finally:
        fresh.close()
