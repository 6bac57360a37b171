"""Two evenings on one hub kept apart: each its own deals, arrivals, report and follow-up; the
register carried over within consent; the record taken from the previous evening; the
archive read-only and its digest checked."""

from __future__ import annotations

import os
import stat

import pytest

from hub.evenings import archive
from hub.followup import desk
from hub.reports.figures import report
from hub.service import Hub
from kiosk.service import Kiosk
from tests.evenings.conftest import change_one_byte
from tests.support.deals import register as make_deal
from tests.support.sync import deal, push, sync


def test_the_second_evening_starts_without_the_first_ones_deals(two):
    hub = Hub(two.data)
    try:
        now = report(hub.evening)
        assert now["evening"]["date"] == "2027-11-24"
        assert now["evening"]["name"] == "Børsen 2026"  # the plan carried, with the next date
        assert now["deals"]["total"] == 0
        assert hub.evening.stats()["deals"] == 0 and hub.evening.stats()["arrived"] == 0
        assert not any(hub.evening.deals.get(d) for d in two.first_deals)
        # the second evening's own deal, arrival and follow-up
        a, b = two.ids["consented"], two.ids["also"]
        deal = make_deal(hub, a, b)
        hub.record("check_in", a)
        desk.change(hub, deal, {"status": "in_progress"})
        assert hub.evening.stats()["deals"] == 1 and hub.evening.stats()["arrived"] == 1
        assert report(hub.evening)["followup"]["by_status"]["in_progress"] == 1
        assert report(hub.evening)["followup"]["by_status"]["done"] == 0
    finally:
        hub.close()
    # the first evening, from its archive, is as it was closed
    entry = archive.find(two.data, two.closed.archived.id)
    before = report(archive.fold(entry))
    assert before["evening"]["date"] == "2026-11-25"
    assert before["deals"]["total"] == 4
    assert before["followup"]["by_status"]["done"] == 1
    assert before["followup"]["by_status"]["in_progress"] == 0
    assert deal not in {d.id for d in archive.fold(entry).deals.counted_deals()}
    assert archive.fold(entry).stats()["arrived"] == 1


def test_the_record_is_the_previous_evening_s(two):
    hub = Hub(two.data)
    try:
        found = report(hub.evening)["comparison"]
    finally:
        hub.close()
    assert found["record"] == {"name": "Børsen 2026", "date": "2026-11-25", "deals": 4}
    assert [e["date"] for e in found["earlier"]] == ["2026-11-25"]


def test_the_register_is_carried_over_within_consent(two):
    hub = Hub(two.data)
    try:
        people = {p.id: p for p in hub.evening.participants.values()}
        # signed up with consent, or invited: back as invitees; their contacts still open
        assert set(people) == {two.ids["consented"], two.ids["also"], two.ids["invitee"]}
        assert {p.status for p in people.values()} == {"invited"}
        assert hub.contact_of(two.ids["consented"])["email"] == "if@sagene.example"
        assert two.closed.participants == 3
        # next year's invitations start from them: a carried invitee signs up again
        from hub.participants import register
        from tests.register.conftest import OPEN, person

        register.configure_signup(hub, OPEN)
        from hub.signup.consent import consent_of

        register.sign_up(
            hub,
            person("Sagene IF", "voluntary", "if@sagene.example"),
            consent_of(OPEN, "nb"),
            "nb",
            invited=two.ids["consented"],
        )
        assert hub.evening.participants.get(two.ids["consented"]).status == "signed_up"
    finally:
        hub.close()


def test_the_archive_is_read_only_and_its_digest_is_checked(two):
    entry = two.closed.archived
    assert entry.deals == 4 and entry.digest == archive.sha256_of(entry.store)
    assert not os.stat(entry.store).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    # (root, as CI runs, may write a read-only file anyway: the digest is what finds a change)
    archive.check(entry)
    # folding it leaves it as it was
    archive.fold(entry)
    assert archive.sha256_of(entry.store) == entry.digest
    # a changed byte is found
    change_one_byte(entry.store, 200)
    with pytest.raises(archive.ArchiveDamaged):
        archive.fold(entry)


def test_a_tablet_s_old_events_never_come_back(two):
    """The first evening's tablet sends its whole journal again (not set up afresh): held in
    the archive, nothing of it folded into the second evening; what it records now counts."""
    hub = Hub(two.data)
    tablet = Kiosk(two.data.parent / "tablet", name="Nettbrett 1")
    try:
        tablet.acknowledge(0)  # as if it had never heard from this hub
        answer = push(tablet, hub)
        assert answer["accepted"] == 0 and answer["duplicates"] > 0
        assert hub.evening.stats()["deals"] == 0
        new = tablet.register_deal(deal(two.ids["also"], two.ids["consented"])).id
        assert push(tablet, hub)["accepted"] == 1
        assert {d.id for d in hub.evening.deals.counted_deals()} == {new}
    finally:
        tablet.close()
        hub.close()


def test_a_kiosk_of_the_new_evening_sees_none_of_the_old_deals(two, tmp_path):
    hub = Hub(two.data)
    kiosk = Kiosk(tmp_path / "new-tablet", name="Nettbrett 2")
    try:
        sync(kiosk, hub)
        kinds = {e["type"] for e in hub.pull(0)["events"]}
        assert "DealRegistered" not in kinds and "ParticipantCheckedIn" not in kinds
        assert kiosk.evening.deals.counted == 0
        assert not any(kiosk.evening.deals.get(d) for d in two.first_deals)
        # the carried register is on the tablet: a deal between carried participants
        assert kiosk.evening.participants.get(two.ids["consented"]) is not None
        kiosk.register_deal(deal(two.ids["consented"], two.ids["invitee"]))
        sync(kiosk, hub)
        assert hub.evening.deals.counted == 1 and kiosk.evening.deals.counted == 1
    finally:
        kiosk.close()
        hub.close()


def test_an_old_tablet_relaying_last_year_s_log_brings_nothing_back(two):
    """A tablet not set up afresh sees the new log's name and relays what it mirrored of the
    first evening (as it does for a restored hub): refused as a whole, nothing stored."""
    from hub.sync.relay import ingest_relayed
    from kiosk.relay import others_events
    from shared.core.errors import CodedError

    hub = Hub(two.data)
    tablet = Kiosk(two.data.parent / "tablet", name="Nettbrett 1")
    try:
        head = hub.store.head()
        wires, _ = others_events(tablet.mirror, tablet.device_id, 0)
        assert any(w["type"] == "DealRegistered" for w in wires)
        with pytest.raises(CodedError) as refused:  # all or none (promise 5)
            ingest_relayed(hub, wires)
        assert refused.value.code in {"sequence_reused", "unsigned_event"}
        assert hub.store.head() == head
        hub.catch_up()
        assert hub.evening.stats()["deals"] == 0
    finally:
        tablet.close()
        hub.close()
