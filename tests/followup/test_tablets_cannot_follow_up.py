"""The follow-up is the organiser's: a tablet that pushes a follow-up event of its own (a
status, an answer, a story, a value) has the whole batch refused, and nothing changes."""

from __future__ import annotations

import uuid

import pytest

import hub as hub_app
from shared.sync.protocol import to_wire
from tests.support.pairing import SealedSync

DEAL = str(uuid.uuid4())
FOLLOW_UP_EVENTS = [
    ("FollowUpRecorded", {"deal_id": DEAL, "changes": {"status": "done"}, "via": "board"}),
    (
        "FollowUpAnswered",
        {
            "deal_id": DEAL,
            "participant_id": str(uuid.uuid4()),
            "answer": "done",
            "reason": "",
            "answered_on": "2027-01-02",
        },
    ),
    ("SuccessStoryMarked", {"deal_id": DEAL, "text": "Flott", "consents": []}),
    ("DealValueEstimated", {"deal_id": DEAL, "kroner": 1000}),
    ("FollowUpAskingSet", {"on": True}),
]


@pytest.mark.parametrize(
    ("type_name", "state"), FOLLOW_UP_EVENTS, ids=[r[0] for r in FOLLOW_UP_EVENTS]
)
def test_a_tablet_writing_follow_up_is_refused(hub, kiosk, type_name, state):
    own = [to_wire(e) for e in kiosk.store.recorder.select_events(kiosk.device_id)]
    forged = {
        "origin": str(kiosk.device_id),
        "seq": len(own) + 1,
        "type": type_name,
        "state": {
            "timestamp": own[0]["state"]["timestamp"],
            "originator_topic": "shared.domain.journal:Journal",
            **state,
        },
    }
    before = hub.store.head()
    client = SealedSync(hub_app.create_app(hub).test_client(), hub, str(kiosk.device_id))
    answer = client.post(
        "/api/sync/push", {"device": str(kiosk.device_id), "events": [*own, forged]}
    )
    assert (answer.status_code, answer.get_json()["error"]) == (403, "forbidden_event_type")
    assert hub.store.head() == before
    assert hub.evening.followup.deal_ids() == []
