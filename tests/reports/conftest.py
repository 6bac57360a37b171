"""The report's evening: the follow-up's (five participants, three deals) with a deal voided,
one corrected, a late deal after the closing gong, two arrivals, follow-up outcomes and an
earlier evening typed in."""

from __future__ import annotations

import pytest

import hub as hub_web
from hub.deals import service as deals
from hub.followup import desk
from hub.service import Hub
from tests.followup.conftest import FollowUpEvening, build_evening
from tests.support.auth import ensure_password, login_test_client


def build_report_evening(hub: Hub) -> FollowUpEvening:
    evening = build_evening(hub)
    ids = evening.ids
    extra = hub.register_deal(
        {
            "parties": [
                {"participant_id": ids["korps"], "gives": "Konsert i hagen"},
                {"participant_id": ids["sykehjem"], "gives": "Øvingslokale"},
            ],
            "category": "culture",
            "kind": "mutual",
            "deadline": "2027-05-01",
            "broker": "Ola",
        }
    )
    evening.deals["extra"] = extra
    deals.void(hub, evening.deals["walk"], "registrert to ganger")
    room = hub.evening.deals[evening.deals["room"]]
    deals.correct(
        hub,
        room.id,
        {
            "parties": [dict(p) for p in room.parties],
            "category": "culture",
            "kind": "gift",
            "deadline": room.deadline,
            "broker": "Kari",
        },
    )
    hub.record("check_in", ids["bakeri"])
    hub.record("check_in", ids["korps"])
    desk.change(hub, evening.deals["bake"], {"status": "done"})
    desk.change(hub, extra, {"status": "in_progress"})
    hub.record(
        "record_earlier_evening",
        "9b1a3c1e-0000-4000-8000-000000000001",
        {"name": "Frivilligbørs Sagene 2025", "date": "2025-11-20", "deals": 2, "participants": 4},
    )
    return evening


@pytest.fixture
def evening(hub: Hub) -> FollowUpEvening:
    ensure_password(hub.data_dir)
    return build_report_evening(hub)


@pytest.fixture
def organiser(evening: FollowUpEvening):
    app = hub_web.create_app(evening.hub, {"TESTING": True})
    yield login_test_client(app.test_client(), evening.hub.data_dir)
    app.extensions["mail"].close()
