"""The retention purge runs by itself once the follow-up period ends: a moved clock, a real
thread. Contact details and notes go (their keys); names, deals and the catalogue stay."""

from __future__ import annotations

import datetime as dt

from hub.participants import register
from hub.privacy import erasure
from hub.privacy.watch import RetentionWatch
from tests.privacy.conftest import RETENTION, SAGENE, TURBO, files_holding
from tests.support.processes import never_within, wait_until


def test_nothing_is_purged_until_the_retention_date_has_passed(evening):
    watch = RetentionWatch(evening.hub, today=lambda: RETENTION, every=0.02)
    watch.start()
    try:
        never_within(lambda: watch.purged, timeout=0.3)
    finally:
        watch.stop()
    assert evening.hub.contact_of(evening.sagene)["email"] == SAGENE["email"]


def test_the_day_after_the_retention_date_every_key_goes_by_itself(evening):
    hub = evening.hub
    register.add_note(hub, evening.sagene, "Ring Kari etter jul")
    keys = [hub.contacts._key_of(pid) for pid in (evening.sagene, evening.turbo)]
    names = {pid: hub.evening.participants[pid].name for pid in hub.evening.participants}
    deals = hub.evening.stats()["deals"]
    watch = RetentionWatch(hub, today=lambda: RETENTION + dt.timedelta(days=1), every=0.02)
    watch.start()
    try:
        wait_until(lambda: sorted(watch.purged) == sorted([evening.sagene, evening.turbo]))
    finally:
        watch.stop()
        watch.join(timeout=5)
    assert hub.contact_of(evening.sagene) == {"contact_person": "", "email": "", "phone": ""}
    assert register.notes_of(hub, evening.sagene) == []
    assert {pid: hub.evening.participants[pid].name for pid in hub.evening.participants} == names
    assert hub.evening.stats()["deals"] == deals
    assert set(hub.evening.privacy.purged) == {evening.sagene, evening.turbo}
    on_disk = b"".join(p.read_bytes() for p in hub.data_dir.iterdir() if p.is_file())
    assert not [k for k in keys if k in on_disk]
    assert files_holding(hub.data_dir, SAGENE["email"], TURBO["phone"]) == {}
    # Once is enough: the next look finds nobody left to purge.
    assert erasure.purge_if_due(hub, RETENTION + dt.timedelta(days=2)) == []


def test_without_a_retention_date_nothing_is_purged(hub):
    hub.register_participant(
        {"name": "Lag uten dato", "sector": "voluntary", **{"email": "a@b.example"}}
    )
    assert erasure.purge_if_due(hub, dt.date(2099, 1, 1)) == []
